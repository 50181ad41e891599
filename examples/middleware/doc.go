// Package middleware tests real CORS middleware for Go's net/http through corsim's simulated
// browser (package browser), in ordinary go test: for each library a configuration that works in
// every profile, and the library's known pitfalls, each failing with the reason a browser reports.
//
// It is a module of its own, so that the corsim module gains no dependency on the libraries.
package middleware
