// Package jsonschema validates JSON documents against the small subset of JSON Schema (draft
// 2020-12) that corsim's docs/scenario.schema.json uses. It exists so the schema can be checked in
// tests without a dependency. Supported keywords: $ref (to "#/$defs/..."), type, enum, const,
// properties, required, additionalProperties, items, minItems, maxItems, minimum, maximum,
// minLength, anyOf and oneOf; the annotations $schema, $id, $comment, $defs, title, description,
// default and examples are accepted and ignored. Any other keyword is an error when the schema is
// compiled, so a typo cannot silently weaken the schema.
package jsonschema
