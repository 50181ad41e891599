package grammar_test

import (
	"errors"
	"fmt"

	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/grammar"
)

// Access-Control-Allow-Methods may be spread over several lines, with empty
// elements and optional whitespace; the first element that is not a token is
// reported.
func ExampleAppendTokenList() {
	methods, err := grammar.AppendTokenList(nil, "Access-Control-Allow-Methods", "GET, PATCH,, ", "OPTIONS")
	fmt.Println(methods, err)

	_, err = grammar.AppendTokenList(nil, "Access-Control-Allow-Methods", "GET, PUT POST")
	var le *grammar.ListError
	if errors.As(err, &le) {
		fmt.Printf("bad element %q: %v\n", le.Token, err)
	}
	// Output:
	// [GET PATCH OPTIONS] <nil>
	// bad element "PUT POST": corsim: fetchmode: Access-Control-Allow-Methods: not a token "PUT POST" in "GET, PUT POST"
}

// Access-Control-Max-Age is delta-seconds: a missing header and an invalid
// one are told apart, and the caller applies the default of 5 seconds.
func ExampleParseMaxAge() {
	for _, lines := range [][]string{{"600"}, nil, {"-1"}, {"60", "60"}} {
		n, err := grammar.ParseMaxAge(lines)
		switch {
		case errors.Is(err, grammar.ErrAbsent):
			fmt.Println("absent")
		case err != nil:
			fmt.Println(err)
		default:
			fmt.Println(n)
		}
	}
	// Output:
	// 600
	// absent
	// corsim: fetchmode: Access-Control-Max-Age: not a digit "-" in "-1"
	// corsim: fetchmode: Access-Control-Max-Age: more than one header line in "60"
}

// A Range header is safelisted only in the simple form with a start.
func ExampleParseSingleRange() {
	for _, v := range []string{"bytes=0-", "bytes=-500", "bytes=0-1,2-3"} {
		r, err := grammar.ParseSingleRange(v, false)
		fmt.Printf("%+v %v safelisted=%v\n", r, err != nil, fetchmode.IsCORSSafelistedRequestHeader("Range", v))
	}
	// Output:
	// {Start:0 End:0 HasStart:true HasEnd:false} false safelisted=true
	// {Start:0 End:500 HasStart:false HasEnd:true} false safelisted=false
	// {Start:0 End:0 HasStart:false HasEnd:false} true safelisted=false
}

// Lint an Access-Control-Allow-Origin value against the Fetch ABNF.
func ExampleParseAllowOrigin() {
	for _, v := range []string{"*", "null", "https://a.example:8443", "https://a.example/"} {
		if k, err := grammar.ParseAllowOrigin(v); err != nil {
			fmt.Println(err)
		} else {
			fmt.Println(k)
		}
	}
	// Output:
	// wildcard
	// null
	// serialized
	// corsim: fetchmode: Access-Control-Allow-Origin: path after the host "/" in "https://a.example/"
}
