module github.com/corsim/corsim/examples/middleware

go 1.26.0

replace github.com/corsim/corsim => ../..

require (
	github.com/corsim/corsim v0.0.0-00010101000000-000000000000
	github.com/go-chi/chi/v5 v5.5.0
	github.com/go-chi/cors v1.2.2
	github.com/gorilla/handlers v1.5.2
	github.com/jub0bs/cors v1.0.1
	github.com/rs/cors v1.11.1
)

require (
	github.com/felixge/httpsnoop v1.0.3 // indirect
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/text v0.43.0 // indirect
)
