package jsonschema_test

import (
	"fmt"

	"github.com/corsim/corsim/scenario/internal/jsonschema"
)

func Example() {
	s, err := jsonschema.Compile([]byte(`{"type":"object","required":["status"],
		"properties":{"status":{"type":"integer","minimum":100,"maximum":999}}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Validate([]byte(`{"status":204}`)))
	fmt.Println(s.Validate([]byte(`{"status":2040}`)))
	fmt.Println(s.Validate([]byte(`{"headers":[]}`)))
	// Output:
	// <nil>
	// corsim: jsonschema: /status: 2040 is above 999
	// corsim: jsonschema: /: missing required key "status"
}
