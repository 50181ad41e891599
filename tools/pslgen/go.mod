module github.com/corsim/corsim/tools/pslgen

go 1.26.0

require (
	github.com/corsim/corsim v0.0.0-00010101000000-000000000000
	github.com/weppos/publicsuffix-go v0.50.3
)

require (
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/text v0.43.0 // indirect
)

replace github.com/corsim/corsim => ../..
