package algorithm

import (
	"time"

	"github.com/corsim/corsim/cache"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
)

// Request is one fetch() call as script makes it, plus the page it runs in. The zero value of each
// mode field is fetch()'s default (cors, same-origin credentials, follow, default cache), so
//
//	algorithm.Request{Origin: page, URL: "https://api.example/x"}
//
// is a plain fetch("https://api.example/x") from page.
type Request struct {
	// Origin is the origin of the document that calls fetch(): a tuple origin, or an opaque one for
	// a sandboxed iframe or a data: page (origin.NewOpaque, or origin.ParseSerialized("null")).
	Origin origin.Origin
	// TopLevel is the origin of the top-level page when Origin belongs to a frame inside it (such as an
	// opaque-origin sandboxed iframe). It decides the preflight cache's partition and whether the
	// context is secure for mixed content. The zero value means Origin is the top-level page.
	TopLevel origin.Origin
	// URL is fetch()'s first argument. A relative URL is resolved against Origin.
	URL string
	// Method is init.method; empty means GET. It is normalized as fetch() does (DELETE, GET, HEAD,
	// OPTIONS, POST and PUT are upper-cased; any other method, such as "patch", keeps its case).
	Method string
	// Headers are init.headers in the order script gave them.
	Headers fetchmode.HeaderList
	// Body is init.body as a string; nil means no body. A string body makes the browser add
	// Content-Type: text/plain;charset=UTF-8 unless Headers has a Content-Type.
	Body *string
	// StreamBody makes the body a ReadableStream (with duplex: "half"), which forces a preflight.
	StreamBody  bool
	Mode        fetchmode.Mode
	Credentials fetchmode.Credentials
	Redirect    fetchmode.Redirect
	Cache       fetchmode.CacheMode
}

// Options configure one simulated fetch.
type Options struct {
	// Profile is whose behaviour to model; the zero value is Spec.
	Profile Profile
	// Cache is the CORS-preflight cache shared by the fetches of one page (or one test); nil means no
	// cache, so every request that needs a preflight sends one. Profile.NewCache makes one that behaves
	// as the profile's browser's does.
	Cache *cache.Cache
	// Clock returns the current time; the preflight cache expires entries against it. It is called
	// once per fetch. Nil means a fixed instant (the zero time), so cache entries never expire.
	Clock func() time.Time
	// Trace records every algorithm step in Verdict.Trace. Off, it costs nothing.
	Trace bool
}

// Response is a server's answer, exactly as it came over the wire.
type Response struct {
	Status  int
	Headers fetchmode.HeaderList
	Body    string
}

// Responder answers the requests the simulated browser sends: preflights (SentRequest.Preflight) and
// every actual request and redirect hop. Fetch calls it synchronously, in order, from the calling
// goroutine. A non-nil error means no response came back (connection refused, reset, …), which the
// browser turns into a network error.
type Responder interface {
	Respond(req SentRequest) (Response, error)
}

// ResponderFunc adapts a function to the Responder interface.
type ResponderFunc func(req SentRequest) (Response, error)

// Respond calls f(req).
func (f ResponderFunc) Respond(req SentRequest) (Response, error) { return f(req) }
