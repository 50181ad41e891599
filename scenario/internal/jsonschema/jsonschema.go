package jsonschema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Schema is a compiled schema.
type Schema struct {
	root map[string]any
}

var known = map[string]bool{
	"$ref": true, "type": true, "enum": true, "const": true, "properties": true, "required": true,
	"additionalProperties": true, "items": true, "minItems": true, "maxItems": true, "minimum": true,
	"maximum": true, "minLength": true, "anyOf": true, "oneOf": true,
	"$schema": true, "$id": true, "$comment": true, "$defs": true, "title": true, "description": true,
	"default": true, "examples": true,
}

// Compile parses a schema and checks that it only uses supported keywords and resolvable $refs.
func Compile(b []byte) (*Schema, error) {
	v, err := decode(b)
	if err != nil {
		return nil, fmt.Errorf("corsim: jsonschema: %w", err)
	}
	root, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("corsim: jsonschema: the schema is not an object")
	}
	s := &Schema{root: root}
	if err := s.check(root, "#"); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Schema) check(node map[string]any, at string) error {
	for k, v := range node {
		if !known[k] {
			return fmt.Errorf("corsim: jsonschema: %s: unsupported keyword %q", at, k)
		}
		switch k {
		case "$ref":
			ref, _ := v.(string)
			if _, err := s.resolve(ref); err != nil {
				return fmt.Errorf("corsim: jsonschema: %s: %w", at, err)
			}
		case "properties", "$defs":
			m, _ := v.(map[string]any)
			for name, sub := range m {
				if sm, ok := sub.(map[string]any); ok {
					if err := s.check(sm, at+"/"+k+"/"+name); err != nil {
						return err
					}
				}
			}
		case "items", "additionalProperties":
			if sm, ok := v.(map[string]any); ok {
				if err := s.check(sm, at+"/"+k); err != nil {
					return err
				}
			}
		case "anyOf", "oneOf":
			l, _ := v.([]any)
			for i, sub := range l {
				if sm, ok := sub.(map[string]any); ok {
					if err := s.check(sm, fmt.Sprintf("%s/%s/%d", at, k, i)); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

func (s *Schema) resolve(ref string) (map[string]any, error) {
	name, ok := strings.CutPrefix(ref, "#/$defs/")
	if !ok {
		return nil, fmt.Errorf("unsupported $ref %q (want #/$defs/name)", ref)
	}
	defs, _ := s.root["$defs"].(map[string]any)
	d, ok := defs[name].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("$ref %q names no definition", ref)
	}
	return d, nil
}

// Validate reports the first way doc violates the schema, with a JSON Pointer to where, or nil.
func (s *Schema) Validate(doc []byte) error {
	v, err := decode(doc)
	if err != nil {
		return fmt.Errorf("corsim: jsonschema: %w", err)
	}
	if msg := s.validate(s.root, v, ""); msg != "" {
		return errors.New("corsim: jsonschema: " + msg)
	}
	return nil
}

func decode(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// validate returns "" when v matches node, else a message.
func (s *Schema) validate(node map[string]any, v any, at string) string {
	if ref, ok := node["$ref"].(string); ok {
		d, err := s.resolve(ref)
		if err != nil {
			return at + ": " + err.Error()
		}
		if msg := s.validate(d, v, at); msg != "" {
			return msg
		}
	}
	if t, ok := node["type"]; ok && !typeMatches(t, v) {
		return fmt.Sprintf("%s: want type %v, got %s", pointer(at), t, typeName(v))
	}
	if e, ok := node["enum"].([]any); ok && !contains(e, v) {
		return fmt.Sprintf("%s: %s is not one of %v", pointer(at), short(v), e)
	}
	if c, ok := node["const"]; ok && !equal(c, v) {
		return fmt.Sprintf("%s: want %v, got %s", pointer(at), c, short(v))
	}
	switch x := v.(type) {
	case map[string]any:
		if msg := s.validateObject(node, x, at); msg != "" {
			return msg
		}
	case []any:
		if msg := s.validateArray(node, x, at); msg != "" {
			return msg
		}
	case string:
		if n, ok := num(node["minLength"]); ok && float64(len([]rune(x))) < n {
			return fmt.Sprintf("%s: shorter than %v characters", pointer(at), n)
		}
	case json.Number:
		f, _ := x.Float64()
		if n, ok := num(node["minimum"]); ok && f < n {
			return fmt.Sprintf("%s: %s is below %v", pointer(at), x, n)
		}
		if n, ok := num(node["maximum"]); ok && f > n {
			return fmt.Sprintf("%s: %s is above %v", pointer(at), x, n)
		}
	}
	if l, ok := node["anyOf"].([]any); ok {
		var msgs []string
		for _, sub := range l {
			sm, _ := sub.(map[string]any)
			msg := s.validate(sm, v, at)
			if msg == "" {
				msgs = nil
				break
			}
			msgs = append(msgs, msg)
		}
		if msgs != nil {
			return pointer(at) + ": matches none of anyOf: " + strings.Join(msgs, "; ")
		}
	}
	if l, ok := node["oneOf"].([]any); ok {
		n := 0
		for _, sub := range l {
			if sm, _ := sub.(map[string]any); s.validate(sm, v, at) == "" {
				n++
			}
		}
		if n != 1 {
			return fmt.Sprintf("%s: matches %d of oneOf, want exactly 1", pointer(at), n)
		}
	}
	return ""
}

func (s *Schema) validateObject(node map[string]any, x map[string]any, at string) string {
	if req, ok := node["required"].([]any); ok {
		for _, r := range req {
			if name, _ := r.(string); !hasKey(x, name) {
				return fmt.Sprintf("%s: missing required key %q", pointer(at), r)
			}
		}
	}
	props, _ := node["properties"].(map[string]any)
	keys := make([]string, 0, len(x))
	for k := range x {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		sub, ok := props[k].(map[string]any)
		if !ok {
			switch ap := node["additionalProperties"].(type) {
			case bool:
				if !ap {
					return fmt.Sprintf("%s: unexpected key %q", pointer(at), k)
				}
				continue
			case map[string]any:
				sub = ap
			default:
				continue
			}
		}
		if msg := s.validate(sub, x[k], at+"/"+escape(k)); msg != "" {
			return msg
		}
	}
	return ""
}

func (s *Schema) validateArray(node map[string]any, x []any, at string) string {
	if n, ok := num(node["minItems"]); ok && float64(len(x)) < n {
		return fmt.Sprintf("%s: fewer than %v items", pointer(at), n)
	}
	if n, ok := num(node["maxItems"]); ok && float64(len(x)) > n {
		return fmt.Sprintf("%s: more than %v items", pointer(at), n)
	}
	if sub, ok := node["items"].(map[string]any); ok {
		for i, e := range x {
			if msg := s.validate(sub, e, fmt.Sprintf("%s/%d", at, i)); msg != "" {
				return msg
			}
		}
	}
	return ""
}

func hasKey(m map[string]any, k string) bool {
	_, ok := m[k]
	return ok
}

func typeMatches(t any, v any) bool {
	switch tt := t.(type) {
	case string:
		return typeIs(tt, v)
	case []any:
		for _, e := range tt {
			if s, ok := e.(string); ok && typeIs(s, v) {
				return true
			}
		}
	}
	return false
}

func typeIs(t string, v any) bool {
	switch t {
	case "integer":
		n, ok := v.(json.Number)
		return ok && !strings.ContainsAny(n.String(), ".eE")
	case "number":
		_, ok := v.(json.Number)
		return ok
	}
	return typeName(v) == t
}

func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func num(v any) (float64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	f, err := n.Float64()
	return f, err == nil
}

func contains(l []any, v any) bool {
	for _, e := range l {
		if equal(e, v) {
			return true
		}
	}
	return false
}

func equal(a, b any) bool {
	ab, _ := json.Marshal(a)
	bb, _ := json.Marshal(b)
	return bytes.Equal(ab, bb)
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 64 {
		return string(b[:64]) + "…"
	}
	return string(b)
}

func pointer(at string) string {
	if at == "" {
		return "/"
	}
	return at
}

func escape(k string) string {
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}
