# portal-archiver: the two commands of the README.
#   make demo   builds, serves the bundled sample portal on loopback, crawls it into ./archive,
#               prints the summary and one archived article.
#   make test   passes the tests.
#   make tsan   runs the Frontier and Crawl tests under ThreadSanitizer (a build of its own in
#               .build-tsan: the first run rebuilds everything).
#   make fuzz   builds the libFuzzer targets (Fuzz/, -sanitize=fuzzer,address, in .build-fuzz)
#               and runs each for FUZZ_TIME seconds (default 600); FUZZ_TARGETS picks some
#               (charset html extract warc robots conf url). Fails on any crash or sanitizer
#               report; see README "Fuzzing".
# Each installs the Debian packages it needs first (scripts/setup-debian.sh).

SWIFT ?= swift

.PHONY: demo test tsan fuzz build release setup clean

setup:
	@bash scripts/setup-debian.sh

build: setup
	$(SWIFT) build

# A self-contained binary for cron (Swift runtime and Foundation linked in): starts in ~11 ms
# instead of ~17 ms and runs on a Debian machine without the toolchain.
release: setup
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path .build-static
	@echo "binary: .build-static/release/portal-archiver"

demo: build
	$(SWIFT) run portal-archiver demo --archive archive

test: setup
	$(SWIFT) test --no-parallel

tsan: setup
	$(SWIFT) test --sanitize=thread --no-parallel --scratch-path .build-tsan --filter 'FrontierTests|CrawlTests'

FUZZ_TIME ?= 600
FUZZ_TARGETS ?= charset html extract warc robots conf url

fuzz: setup
	FUZZ_TIME=$(FUZZ_TIME) FUZZ_TARGETS="$(FUZZ_TARGETS)" SWIFT=$(SWIFT) bash scripts/fuzz.sh

clean:
	$(SWIFT) package clean
