package scenario_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/scenario"
)

// fullVerdict sets every field, so that a field the wire form forgets shows in TestVerdictJSON.
func fullVerdict() algorithm.Verdict {
	lifetime := int64(5000)
	return algorithm.Verdict{
		ServerSaw: []algorithm.SentRequest{
			{Method: "OPTIONS", URL: "https://api.test/x?a=1&b=2", Preflight: true, Headers: fetchmode.HeaderList{
				{Name: "Origin", Value: "https://p.test"}, {Name: "Access-Control-Request-Method", Value: "PUT"}}},
			{Method: "PUT", URL: "https://api.test/x?a=1&b=2", Credentials: true, Headers: fetchmode.HeaderList{
				{Name: "X-A", Value: "1"}, {Name: "x-a", Value: "<2>"}, {Name: "Ä", Value: "é"}}},
		},
		Outcome:         algorithm.NetworkError,
		ActualSent:      true,
		BodyReadable:    true,
		ResponseType:    algorithm.TypeCORS,
		Status:          200,
		VisibleHeaders:  []string{"x-b"},
		Redirected:      true,
		FinalURL:        "https://api.test/y",
		Reason:          algorithm.MissingAllowOriginHeader,
		FailedParameter: "p",
		Preflights:      []algorithm.Preflight{{Sent: true, LifetimeMS: &lifetime}, {CacheHit: true}},
		Warnings:        []algorithm.Warning{{ID: algorithm.WarnVaryOriginMissing, Detail: "d"}},
		Message:         "m & m",
		Trace:           []algorithm.Step{{Anchor: "fetch#a", LookedAt: "l", Decision: "d"}},
	}
}

const fullVerdictJSON = `{"server_saw":[` +
	`{"method":"OPTIONS","url":"https://api.test/x?a=1&b=2","headers":{"access-control-request-method":"PUT","origin":"https://p.test"},"preflight":true},` +
	`{"method":"PUT","url":"https://api.test/x?a=1&b=2","headers":{"x-a":"1, <2>","Ä":"é"},"credentials":true}],` +
	`"outcome":"network-error","actual_sent":true,"body_readable":true,"response_type":"cors","status":200,` +
	`"visible_headers":["x-b"],"redirected":true,"final_url":"https://api.test/y",` +
	`"reason":"MissingAllowOriginHeader","failed_parameter":"p",` +
	`"preflights":[{"sent":true,"cache_hit":false,"lifetime_ms":5000},{"sent":false,"cache_hit":true}],` +
	`"warnings":[{"id":"VaryOriginMissing","detail":"d"}],"message":"m & m",` +
	`"trace":[{"anchor":"fetch#a","looked_at":"l","decision":"d"}]}`

func TestVerdictJSON(t *testing.T) {
	v := fullVerdict()
	rv := reflect.ValueOf(v)
	for i := 0; i < rv.NumField(); i++ {
		if rv.Field(i).IsZero() {
			t.Fatalf("fullVerdict leaves %s unset", rv.Type().Field(i).Name)
		}
	}
	got, err := scenario.AppendVerdict([]byte("x"), &v)
	if err != nil || string(got) != "x"+fullVerdictJSON {
		t.Fatalf("AppendVerdict = %s, %v\nwant x%s", got, err, fullVerdictJSON)
	}
	back, err := scenario.ParseVerdict([]byte(fullVerdictJSON))
	if err != nil {
		t.Fatal(err)
	}
	// What the form does not keep: header order and case, repeated names.
	want := fullVerdict()
	want.ServerSaw[0] = algorithm.SentRequest{Method: "OPTIONS", URL: "https://api.test/x?a=1&b=2", Headers: fetchmode.HeaderList{
		{Name: "access-control-request-method", Value: "PUT"}, {Name: "origin", Value: "https://p.test"}}, Preflight: true}
	want.ServerSaw[1] = algorithm.SentRequest{Method: "PUT", URL: "https://api.test/x?a=1&b=2", Headers: fetchmode.HeaderList{
		{Name: "x-a", Value: "1, <2>"}, {Name: "Ä", Value: "é"}}, Credentials: true}
	if diff := cmp.Diff(want, back); diff != "" {
		t.Errorf("ParseVerdict (-want +got):\n%s", diff)
	}
}

// Empty and nil slices are told apart, as the format has always written them: null or [] for the
// keys that are always there, nothing for the optional ones.
func TestVerdictJSONEmpty(t *testing.T) {
	tests := []struct {
		name string
		v    *algorithm.Verdict
		want string
	}{
		{name: "nil", want: `null`},
		{name: "zero", v: &algorithm.Verdict{},
			want: `{"server_saw":null,"outcome":"","actual_sent":false,"body_readable":false,"response_type":"","status":0,"visible_headers":null,"redirected":false,"final_url":"","preflights":null}`},
		{name: "empty", v: &algorithm.Verdict{ServerSaw: []algorithm.SentRequest{{}}, VisibleHeaders: []string{}, Preflights: []algorithm.Preflight{},
			Warnings: []algorithm.Warning{}, Trace: []algorithm.Step{}},
			want: `{"server_saw":[{"method":"","url":"","headers":{}}],"outcome":"","actual_sent":false,"body_readable":false,"response_type":"","status":0,"visible_headers":[],"redirected":false,"final_url":"","preflights":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := scenario.AppendVerdict(nil, tt.v)
			if err != nil || string(got) != tt.want {
				t.Fatalf("AppendVerdict = %s, %v\nwant %s", got, err, tt.want)
			}
			if tt.v == nil {
				return
			}
			back, err := scenario.ParseVerdict(got)
			want := *tt.v
			if len(want.ServerSaw) == 1 {
				// {} reads back as no headers, and an optional key left out as nil.
				want.ServerSaw[0].Headers, want.Warnings, want.Trace = nil, nil, nil
			}
			if err != nil || !reflect.DeepEqual(back, want) {
				t.Errorf("ParseVerdict = %#v, %v\nwant %#v", back, err, want)
			}
		})
	}
}

func TestParseVerdictError(t *testing.T) {
	_, err := scenario.ParseVerdict([]byte(`{"server_saw":{}}`))
	var pe *scenario.ParseError
	if !errors.As(err, &pe) || pe.Path != "verdict" {
		t.Errorf("error %v, want a *ParseError at verdict", err)
	}
}
