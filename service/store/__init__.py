"""The index store: the index on disk, its atomic publish, and loading it into memory.

    index/
      CURRENT                  name of the published version (replaced atomically)
      versions/<version>/      manifest.json          what the version says about itself (Manifest)
                               units.jsonl            every unit; documents.json  the catalog
                               windows.npy            (unit, start, end) of each embedding window
                               dense.faiss            the window vectors (index type in the manifest)
                               sentences.npy          (unit, start, end) of each sentence
                               sentence_vectors.npy   one float16 vector per sentence
                               bm25/, bm25_sentences/ the lexical indexes over units and sentences
                               token_codes.npy, token_offsets.npy, token_codec.faiss
                                                      word-piece codes per window, for re-ranking,
                               token_spans.npy        and where each piece lies in its window
                                                      (written by service.window_tokens; absent
                                                      when CITED_RERANK_DEPTH is 0 at build time)
                               lexicon_words.json     the general words the corpus writes, and
                               lexicon_vectors.npy    those it writes in no form, each encoded
                                                      alone (service.offtopic.CorpusLexicon)
      versions/.tmp-<pid>-*    a build in progress (removed by the next build: see below)
      cache/                   embeddings by model and text hash (embeddings-<model>/), each
                               text's sentence spans (sentences-<parser>-<pysbd>.npz,
                               service.sentence_cache), and the ONNX export of the model,
                               reused across builds
      build.lock               held by the one build running (service.locks)
      versions.lock            held shared by readers while they load a version

A version directory is never modified after publication; publishing writes `CURRENT.tmp`,
fsyncs it and renames it over `CURRENT`, so readers see the old version or the new one.
A build holds `build.lock` from start to finish, so a `.tmp-*` folder seen by a build is
abandoned (its build died), and `CURRENT.tmp` is only ever written by one process at a time.

The modules, in the order a version meets them:

    layout.py   paths, the `CURRENT` pointer, the manifest, units and documents files, and the
                integrity and freshness checks loading runs
    publish.py  a build's folder, the atomic publish, removing old and abandoned versions
    load.py     open_index(): the published version, checked, read into `IndexFiles`
    files.py    IndexFiles, SentenceTable, SentenceTerms: what a loaded version holds in memory
    tokens.py   the word-piece codes read back for re-ranking (WindowTokens)
    lexicon.py  the everyday-word lexicon's words and vectors (StoredLexicon)

`service.engine.load_engine` opens the index for the model it serves with; a running service
swaps to a new version through `service.api.reload` (POST /v1/admin/reload, or the watcher).
"""

from service.store.files import IndexFiles, SentenceTable, SentenceTerms
from service.store.layout import (
    CURRENT,
    FORMAT_VERSION,
    MANIFEST,
    Manifest,
    checksum_files,
    current_version_dir,
    read_manifest,
    read_pointer,
    read_units,
    versions_dir,
    write_documents,
    write_units,
)
from service.store.lexicon import StemRows, StoredLexicon, write_lexicon
from service.store.load import load_index_files, load_published_units, open_index, open_published
from service.store.publish import drop_old_versions, new_build_dir, publish, remove_abandoned_builds
from service.store.tokens import CODES, OFFSETS, SPANS, WindowTokens, load_window_tokens

__all__ = [
    "CODES",
    "CURRENT",
    "FORMAT_VERSION",
    "MANIFEST",
    "OFFSETS",
    "SPANS",
    "IndexFiles",
    "Manifest",
    "SentenceTable",
    "SentenceTerms",
    "StemRows",
    "StoredLexicon",
    "WindowTokens",
    "checksum_files",
    "current_version_dir",
    "drop_old_versions",
    "load_index_files",
    "load_published_units",
    "load_window_tokens",
    "new_build_dir",
    "open_index",
    "open_published",
    "publish",
    "read_manifest",
    "read_pointer",
    "read_units",
    "remove_abandoned_builds",
    "versions_dir",
    "write_documents",
    "write_lexicon",
    "write_units",
]
