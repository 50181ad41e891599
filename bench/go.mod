module github.com/corsim/corsim/bench

go 1.26.0

replace github.com/corsim/corsim => ..

tool golang.org/x/perf/cmd/benchstat

require (
	github.com/corsim/corsim v0.0.0-00010101000000-000000000000
	github.com/jub0bs/cors v1.0.1
	github.com/rs/cors v1.11.1
)

require (
	github.com/aclements/go-moremath v0.0.0-20210112150236-f10218a38794 // indirect
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/perf v0.0.0-20260908200009-22c9c6c9d4da // indirect
	golang.org/x/text v0.43.0 // indirect
)
