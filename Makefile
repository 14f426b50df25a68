# The README's commands. CI runs `make test` only.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: run test install install-test system-test-deps lint fmt eval bench load build clean

run: install ## Install, build the index if missing or stale, serve on 127.0.0.1:8000.
	$(BIN)/cited build
	$(BIN)/cited serve

# The held-out question set gates regressions: thresholds sit just under what the engine
# measures today on the whole set (docs/tuning.md, "Where the figures stand after session 42's
# merges"); the abstention gates allow three or more questions of slack (answerable abstained is
# 108 of 2,727 today, 0.0396; abstain recall 589 of 755, 0.780); source_hit (source-of-a-claim questions)
# holds the issue's target, 0.9; no source answer may quote a reference its claim does not cite
# (uncited_references); all_quoted is the share of comparisons quoting every side (24 of 34).
# Each session adds held-out questions of kinds written to find what fails, before the change
# that reads them, so the whole set's figures can fall while the figures on the session's
# starting questions rise (session 24: answer_hit@1 0.761 -> 0.762 and @3 0.843 -> 0.847 on the
# session start's 1,577, abstentions unchanged; the new alias questions, whose near-topic five
# all get answered, lower the whole set's abstain recall to 0.803 and its answer_hit@1 to 0.761;
# session 25: on its start's 1,657 answer_hit@1 0.761 -> 0.762, @3 0.844 -> 0.847, abstentions
# unchanged; new near-topic title-holder and death questions take abstain recall to 0.791;
# session 26: its start's 1,774 unchanged; new near-topic set questions take it to 0.773;
# session 27: on its start's 1,862 answer_hit@1 0.767 -> 0.772, answerable abstained 58 -> 54;
# session 28: on its start's 1,931 answer_hit@1 0.770 -> 0.776, @3 0.850 -> 0.855; new near-topic
# controls take abstain recall to 0.773; session 29: on its start's 2,013 answer_hit@1 0.778 -> 0.785,
# @3 0.855 -> 0.858, answerable abstained 59 -> 58; the whole set's near-topic out-of-domain 92 -> 95 of
# 115); session 30: on its start's 2,143 answer_hit@1 1,306 -> 1,308 of 1,652, abstain recall
# 387 -> 390 of 491, answerable abstained 61 as before; its new questions (seven answerable
# abstaining, ten near-topic ones answered) take the whole set's hit@5 to 0.922 and answerable
# abstained to 0.040; session 32: on its start's 2,260 answer_hit@1 1,367 -> 1,371 of 1,730, the
# gold unit first 1,482 -> 1,484, abstain recall 417 -> 422 of 530, answerable abstained 71 as
# before; its 83 new questions, ten paraphrases ranking no gold first among them, take the whole
# set's hit@5 to 0.916, MRR@10 to 0.881 and answerable abstained to 0.044; session 33: on its
# start's 2,343 answer_hit@1 1,414 -> 1,416 of 1,792, @3 1,529 -> 1,533, answerable abstained
# 79 -> 78; the whole set of 2,417 answer_hit@1 0.791, @3 0.855, answerable abstained 0.042;
# session 34: on its start's 2,417 answer_hit@1 1,464 -> 1,476 of 1,850, everything else as
# before; its 108 new questions, half of them written to find what fails (paraphrases of fresh
# sentences, what someone said in other words, set-up words, follow-ups answered elsewhere),
# take the whole set of 2,525 to hit@1 0.851, hit@5 0.912, MRR@10 0.878, answer_hit@1 0.793, @3
# 0.853 and answerable abstained 0.043, 84 of 1,948; session 35: on its start's 2,525
# answer_hit@1 1,545 -> 1,548 of 1,948, @3 1,661 -> 1,678, answerable abstained 84 -> 77; the
# whole set of 2,738 hit@1 0.858, hit@5 0.917, MRR@10 0.884, answer_hit@1 0.798, @3 0.864,
# abstain recall 0.796 and answerable abstained 0.038, 81 of 2,125; session 36: on its start's
# 2,738 answer_hit@1 1,695 -> 1,699 of 2,125, @3 1,836 -> 1,844, abstain recall 488 -> 489 of
# 613, answerable abstained 81 as before; the whole set of 2,829 hit@1 0.859, hit@5 0.919,
# MRR@10 0.886, nDCG@10 0.893, answer_hit@1 0.800, @3 0.870, abstain recall 0.797 and
# answerable abstained 0.037, 81 of 2,203; session 37: on its start's 2,829 answer_hit@1
# 1,763 -> 1,765, @3 1,917 -> 1,919, answerable abstained 81 -> 78; its 173 new questions, most
# written to find what fails (fourteen why-questions the corpus cannot answer, all answered),
# take the whole set of 3,002 to hit@1 0.855, hit@5 0.919, MRR@10 0.883, nDCG@10 0.891,
# answer_hit@1 0.795, @3 0.867, abstain recall 0.776 and answerable abstained 0.037, 86 of 2,341;
# session 38: on its start's 3,002 answer_hit@1 1,860 -> 1,865, @3 2,030 -> 2,037, answerable
# abstained 86 as before; its 75 new questions take the whole set of 3,077 to hit@1 0.854, hit@5
# 0.918, MRR@10 0.882, nDCG@10 0.890, answer_hit@1 0.791, @3 0.867, abstain recall 0.778 and
# answerable abstained 0.037, 90 of 2,416; session 39: on its start's 3,077 answer_hit@1
# 1,911 -> 1,913, @3 2,094 -> 2,102, answerable abstained 90 -> 88, abstain recall 514 -> 515 of
# 661; its 155 new questions take the whole set of 3,232 to hit@1 0.855, hit@5 0.918, MRR@10
# 0.883, nDCG@10 0.891, answer_hit@1 0.784, @3 0.866, abstain recall 0.767 and answerable
# abstained 0.037, 94 of 2,533; session 40: on its start's 3,232 answer_hit@1 1,986 -> 1,987,
# @3 2,194 -> 2,195, answerable abstained 94 -> 93, abstain recall 536 -> 539 of 699, the gold
# unit first 2,165 -> 2,166 and in the first five 2,326 -> 2,327; its 120 new questions, ten
# paraphrases in another construction none of which leads with its gold among them, take the
# whole set of 3,352 to hit@1 0.852, hit@5 0.916, MRR@10 0.881, nDCG@10 0.889, answer_hit@1
# 0.783, @3 0.864, abstain recall 0.772 and answerable abstained 0.037, 98 of 2,627; session 41,
# on an index rebuilt on a new machine: on its start's 3,352 answer_hit@1 2,057 -> 2,056 (a return
# after an off-topic aside that now abstains quotes its gold second), @3 2,273 and answerable
# abstained 99 as before, abstain recall 561 -> 568 of 725; its 90 new questions, ten paraphrases
# of fresh sentences of which one leads with its gold among them, take the whole set of 3,442 to
# hit@1 0.848, hit@5 0.915, MRR@10 0.878, nDCG@10 0.887, answer_hit@1 0.779, @3 0.863, abstain
# recall 0.784 and answerable abstained 0.039, 104 of 2,697; session 42: on its start's 3,442
# answer_hit@1 2,101 -> 2,102 (two a2 -> a1 by the speaker and given-role readings, one compare
# question a1 -> a2 by the near-tie rule CI needed), @3 2,328, answerable abstained 104 and
# abstain recall 584 as before; its 40 new questions take the whole set of 3,482 to hit@1 0.848,
# hit@5 0.913, MRR@10 0.877, nDCG@10 0.885, answer_hit@1 0.778, @3 0.862, abstain recall 0.780
# and answerable abstained 0.040, 108 of 2,727; session 43: on its start's 3,482 answer_hit@1
# 2,121 -> 2,124, @3 2,350 -> 2,353, answerable abstained 108 -> 105 (agent nouns, "source of" a
# thing, reported dates, two speakers), abstain recall 589 as before; its 47 new questions, five
# why-questions the corpus gives no reason for none of which abstains among them, take the whole
# set of 3,529 to hit@1 0.850, hit@5 0.915, MRR@10 0.879, nDCG@10 0.887, answer_hit@1 0.780, @3
# 0.864, abstain recall 0.775 (595 of 768) and answerable abstained 0.038, 105 of 2,761;
# session 44: on its start's 3,529 every figure as before (the answer-type and time-clause
# readings gain dev only); its 55 new questions take the whole set of 3,584 to hit@1 0.849,
# hit@5 0.915, MRR@10 0.878, nDCG@10 0.887, answer_hit@1 0.779, @3 0.863, abstain recall 0.773
# (604 of 781) and answerable abstained 0.039, 108 of 2,803, so hit@1, answer_hit@1 and @3 fall
# by 0.001 to keep their slack; session 48: on its start's 3,788 answer_hit@1 2,278 -> 2,279,
# @3 2,521 -> 2,522, answerable abstained 127 -> 126, abstain recall 663 as before; its 82 new
# questions take the whole set of 3,870 to hit@1 0.848, hit@5 0.910, MRR@10 0.876, nDCG@10
# 0.884, answer_hit@1 0.780, @3 0.862, abstain recall 0.754 (684 of 907) and answerable
# abstained 0.045, 133 of 2,963, so every ranking and answer gate moves to keep its slack;
# session 49: on its start's 3,870 answer_hit@1 2,311 -> 2,317, @3 2,551 -> 2,559, answerable
# abstained 132 -> 125, abstain recall 682 -> 695; its 74 new questions take the whole set of
# 3,944 to hit@1 0.850, hit@5 0.913, MRR@10 0.878, nDCG@10 0.887, answer_hit@1 0.781, @3 0.864,
# abstain recall 0.765 (717 of 937) and answerable abstained 0.042, 127 of 3,007).
# Session 50: on its start's 3,944 answer_hit@1 2,349 -> 2,353, @3 2,597 -> 2,601, answerable
# abstained 127 -> 123, abstain recall 717 -> 718, nothing lost; its 53 new questions take the
# whole set of 3,997 to hit@1 0.851, hit@5 0.914, MRR@10 0.880, nDCG@10 0.888, answer_hit@1
# 0.783, @3 0.865, abstain recall 0.760 (731 of 962: 13 of the 25 new near misses abstain, so
# this gate moves down with the harder set, not with a loss) and answerable abstained 0.041
# (124 of 3,035).
# Session 51: on its start's 3,997 answer_hit@1 2,376 -> 2,377, @3 2,624 -> 2,625, hit@1
# 2,584 -> 2,585, answerable abstained 124 and abstain recall 731 as before, nothing lost; its
# 112 new questions (most of them written to find what fails: 29 of their 71 answerable at
# answer_hit@1) take the whole set of 4,109 to hit@1 0.844, hit@5 0.908, MRR@10 0.873, nDCG@10
# 0.881, answer_hit@1 0.775, @3 0.859, abstain recall 0.762 (764 of 1,003) and answerable
# abstained 0.045 (140 of 3,106), so every ranking and answer gate moves down with the harder
# set, not with a loss, and abstain recall moves up to keep its slack.
# Session 52: on its start's 4,109 answer_hit@1 2,406 -> 2,407, @3 2,667 -> 2,670, hit@1
# 2,620 -> 2,621, abstain recall 764 -> 767, and 140 -> 142 answerable abstained (three wrong
# answers withdrawn, one abstention answered right), nothing lost; its 122 new questions (most
# written to find what fails: 35 of their 88 answerable at answer_hit@1) take the whole set of
# 4,231 to hit@1 0.835, hit@5 0.906, MRR@10 0.867, nDCG@10 0.876, answer_hit@1 0.765, @3 0.854,
# abstain recall 0.761 (789 of 1,037) and answerable abstained 0.049 (157 of 3,194), so the
# ranking and answer gates move down with the harder set, not with a loss.
# Session 53 (a new machine, the index rebuilt: its start measured held-out as session 52's end
# but for abstain recall 791 of 1,037 for 789): on its start's 4,231 no hit and no abstention
# moved; its 85 new questions (written to find what fails: 37 of their 59 answerable at
# answer_hit@1, 11 of their 26 near misses abstained) take the whole set of 4,316 to hit@1 0.832,
# hit@5 0.906, MRR@10 0.865, nDCG@10 0.875, answer_hit@1 0.762, @3 0.852, abstain recall 0.754
# (802 of 1,063) and answerable abstained 0.050 (162 of 3,253), so every gate moves with the
# harder set, not with a loss.
# Session 54: on its start's 4,316 answer_hit@1 2,479 -> 2,489, @3 2,773 -> 2,787, hit@1
# 2,707 -> 2,720, abstain recall 802 -> 811 and 162 -> 148 answerable abstained, nothing lost;
# its 71 new questions (34 of their 49 answerable at answer_hit@1, 16 of their 22 near misses
# abstained) take the whole set of 4,387 to hit@1 0.836, hit@5 0.909, MRR@10 0.869, nDCG@10
# 0.879, answer_hit@1 0.764, @3 0.857, abstain recall 0.762 (827 of 1,085) and answerable
# abstained 0.047 (154 of 3,302): every gate moves up.
# Session 55: on its start's 4,387 answer_hit@1 2,523 -> 2,530, @3 2,829 -> 2,834, hit@1
# 2,761 -> 2,769, 154 -> 151 answerable abstained, abstain recall 827 -> 826 (t4749, whose
# abstention on the start's run depended on the questions asked before it); its 49 new questions
# (24 of their 32 answerable at answer_hit@1, 13 of their 17 near misses abstained) take the whole
# set of 4,436 to hit@1 0.838, hit@5 0.911, MRR@10 0.870, nDCG@10 0.880, answer_hit@1 0.766,
# @3 0.858, abstain recall 0.761 (839 of 1,102) and answerable abstained 0.046 (152 of 3,334).
# Session 56: on its start's 4,436 answer_hit@1, @3 and hit@1 unchanged (2,554, 2,862, 2,793),
# abstain recall 839 -> 851 (a rarely written country or body the answer never writes) and 152 ->
# 153 answerable abstained (t3780, answered without its gold before); its 32 new questions (17 of
# their 19 answerable at answer_hit@1, 8 of their 13 near misses abstained) take the whole set of
# 4,468 to hit@1 0.838, hit@5 0.911, MRR@10 0.871, nDCG@10 0.880, answer_hit@1 0.767, @3 0.859,
# abstain recall 0.770 (859 of 1,115) and answerable abstained 0.046 (153 of 3,353).
# Session 57: on its start's 4,468 answer_hit@1, @3 and hit@1 unchanged (2,571, 2,880, 2,811),
# abstain recall 859 -> 864 (a rare country or body as the question's subject, written by no
# quoted sentence) and 153 -> 155 answerable abstained (t801, t1690, answered without their gold
# before); its 35 new questions (21 of their 25 answerable at answer_hit@1, 9 of their 10 near
# misses abstained) take the whole set of 4,503 to hit@1 0.838, hit@5 0.911, MRR@10 0.871,
# nDCG@10 0.880, answer_hit@1 0.767, @3 0.859, abstain recall 0.776 (873 of 1,125) and
# answerable abstained 0.046 (157 of 3,378): abstain recall's gate moves up.
# Session 58: on its start's 4,503 answer_hit@1 2,592 -> 2,595, @3 2,901 -> 2,903, hit@1
# 2,832 -> 2,834 (an office asked by a form of its word the corpus never writes; a count re-led by
# the sentence giving the asked one's), abstain recall 873 -> 873 and 157 -> 156 answerable
# abstained (t3571, answered without its gold before, now abstains); its 51 new questions (30 of
# their 32 answerable at answer_hit@1, 17 of their 19 near misses abstained) take the whole set of
# 4,554 to hit@1 0.840, hit@5 0.912, MRR@10 0.872, nDCG@10 0.881, answer_hit@1 0.770, @3 0.860,
# abstain recall 0.778 (890 of 1,144) and answerable abstained 0.046 (157 of 3,410): every gate
# but answerable abstained moves up, each to about six questions of slack.
# Each ranking and answer gate keeps about six questions of slack: an index rebuilt on another
# machine has moved up to four (docs/tuning.md, session 28's figures and session 49's).
EVAL_GATES := --fail-under hit@1=0.838 --fail-under hit@5=0.910 --fail-under mrr@10=0.870 \
              --fail-under ndcg@10=0.879 --fail-under answer_hit@1=0.768 --fail-under answer_hit@3=0.858 \
              --fail-under abstain_recall=0.773 --fail-over answerable_abstained=0.048 \
              --fail-under source_hit=0.9 --fail-under list_precision=0.9 --fail-under list_recall=0.9 \
              --fail-over uncited_references=0 --fail-under all_quoted=0.55

test: install-test system-test-deps ## Install with test extras and system packages, run the suite.
	$(BIN)/ruff check service tests benchmarks
	$(BIN)/ruff format --check service tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest
	$(BIN)/cited build
	$(BIN)/cited eval corpus/questions/test.jsonl --no-misses $(EVAL_GATES)

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# pip (not uv or poetry) and torch==2.13.0: pip takes the CPU wheel from this machine's disk.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,fast]'
	touch $(VENV)/.installed $@

# Debian packages the tests drive: Chromium (browser test), docker-compose (compose file
# check), postgresql (the store tests start a throwaway server).
system-test-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null || missing="$$missing chromium-driver"; \
	command -v docker-compose >/dev/null || missing="$$missing docker-compose"; \
	compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: install ## (Re)build the index.
	$(BIN)/cited build

lint: install-test
	$(BIN)/ruff check service tests benchmarks
	$(BIN)/mypy

fmt: install-test
	$(BIN)/ruff check --fix service tests benchmarks
	$(BIN)/ruff format service tests benchmarks

eval: install-test build ## The question sets through the harness, every mode side by side.
	mkdir -p reports
	$(BIN)/cited eval corpus/questions/dev.jsonl corpus/questions/test.jsonl --mode all \
	    --markdown reports/eval.md --json reports/eval.json --chart reports/eval.png

bench: install-test build ## In-process time of one question, build time and memory.
	$(BIN)/python benchmarks/query.py

load: install-test build ## The load script on loopback (installs Debian's wrk if missing).
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && \
	  $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	mkdir -p reports
	$(BIN)/python benchmarks/load.py --requests 1000 --soak 10000 --json reports/load.json

clean:
	rm -rf $(VENV) index/CURRENT index/versions index/cache
