# The commands of the README. Everything else lives in scripts/.
.PHONY: run test bench screenshots

run:
	@bash scripts/run.sh $(ARGS)

test:
	@bash scripts/test.sh

bench:
	@bash scripts/bench.sh

screenshots:
	@bash scripts/screenshots.sh
