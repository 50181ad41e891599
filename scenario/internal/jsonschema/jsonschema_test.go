package jsonschema

import (
	"strings"
	"testing"
)

const schema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "anyOf": [{"$ref": "#/$defs/thing"}, {"$ref": "#/$defs/err"}],
  "$defs": {
    "thing": {"type": "object", "required": ["n"], "additionalProperties": false, "properties": {
      "n": {"type": "integer", "minimum": 1, "maximum": 9},
      "s": {"type": ["string", "null"], "minLength": 2},
      "e": {"enum": ["a", "b"]},
      "c": {"const": true},
      "l": {"type": "array", "items": {"type": "number"}, "minItems": 1, "maxItems": 2},
      "m": {"type": "object", "additionalProperties": {"type": "boolean"}},
      "o": {"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "number"}]}
    }},
    "err": {"type": "object", "required": ["error"], "additionalProperties": false, "properties": {"error": {"type": "string"}}}
  }
}`

func TestValidate(t *testing.T) {
	s, err := Compile([]byte(schema))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		doc  string
		want string // "" for valid, else a substring of the error
	}{
		{name: "minimal", doc: `{"n":1}`},
		{name: "everything", doc: `{"n":9,"s":"ab","e":"b","c":true,"l":[1.5],"m":{"x":false},"o":"x"}`},
		{name: "null allowed", doc: `{"n":2,"s":null}`},
		{name: "second branch", doc: `{"error":"x"}`},
		{name: "missing required", doc: `{}`, want: "matches none of anyOf"},
		{name: "float for integer", doc: `{"n":1.0}`, want: "want type integer"},
		{name: "exponent for integer", doc: `{"n":1e0}`, want: "want type integer"},
		{name: "below minimum", doc: `{"n":0}`, want: "is below 1"},
		{name: "above maximum", doc: `{"n":10}`, want: "is above 9"},
		{name: "too short", doc: `{"n":1,"s":"é"}`, want: "shorter than 2"},
		{name: "not in enum", doc: `{"n":1,"e":"c"}`, want: "is not one of"},
		{name: "const", doc: `{"n":1,"c":false}`, want: "want true"},
		{name: "extra key", doc: `{"n":1,"z":1}`, want: `unexpected key "z"`},
		{name: "empty array", doc: `{"n":1,"l":[]}`, want: "fewer than 1"},
		{name: "long array", doc: `{"n":1,"l":[1,2,3]}`, want: "more than 2"},
		{name: "item type", doc: `{"n":1,"l":["x"]}`, want: "/l/0: want type number"},
		{name: "additionalProperties schema", doc: `{"n":1,"m":{"a/b":1}}`, want: "/m/a~1b: want type boolean"},
		{name: "oneOf twice", doc: `{"n":1,"o":3}`, want: "matches 2 of oneOf"},
		{name: "not JSON", doc: `{`, want: "unexpected EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Validate([]byte(tt.doc))
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("valid document rejected: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestCompileRejects(t *testing.T) {
	for _, bad := range []string{
		`[]`,
		`{"type":"object","patternProperties":{}}`,
		`{"$ref":"#/$defs/missing"}`,
		`{"$ref":"other.json"}`,
		`{"properties":{"a":{"format":"uri"}}}`,
		`{"anyOf":[{"not":{}}]}`,
		`{`,
	} {
		if _, err := Compile([]byte(bad)); err == nil || !strings.HasPrefix(err.Error(), "corsim: jsonschema: ") {
			t.Errorf("Compile(%s) = %v", bad, err)
		}
	}
}
