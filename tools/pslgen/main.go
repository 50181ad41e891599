// Command pslgen writes internal/psl/table.go, corsim's copy of the Public
// Suffix List (https://publicsuffix.org/), from the rules that the Go module
// github.com/weppos/publicsuffix-go ships ([publicsuffix.DefaultRules]). To
// regenerate the table after updating that module in this directory's go.mod:
//
//	cd tools/pslgen && go run . > ../../internal/psl/table.go
//
// pslgen is a module of its own so that corsim's main module does not depend
// on publicsuffix-go. Its test checks that internal/psl/table.go is what
// pslgen writes, and compares internal/psl with publicsuffix-go's own matcher
// over hosts derived from every rule.
//
// The table's layout (a hash table of the list's names, keyed by the parent
// name's slot and the leftmost label) is documented in internal/psl/psl.go;
// the constants below and [hash] must stay the same as internal/psl's.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/weppos/publicsuffix-go/publicsuffix"
)

// The slot layout, as internal/psl/psl.go reads it.
const (
	offsetBits = 16 // offset of the label in text
	lengthBits = 6  // length of the label, 1-63
	flagNormal = 1 << (offsetBits + lengthBits)
	flagWild   = flagNormal << 1
	flagExcept = flagNormal << 2

	root     = 1<<16 - 1 // the parent of a top-level label
	maxLoad  = 0.7       // the largest share of used slots
	numSeeds = 256       // the hash seeds tried
	prime    = 16777619  // the 32-bit FNV prime
)

// hash is the hash of a label under the name in slot parent, as
// internal/psl computes it: 32-bit FNV-1a in which the parent's slot counts
// as one byte, XORed into the seed, followed by the label's bytes from the
// last to the first.
func hash(seed, parent uint32, label string) uint32 {
	h := (seed ^ parent) * prime
	for i := len(label) - 1; i >= 0; i-- {
		h = (h ^ uint32(label[i])) * prime
	}
	return h
}

// name is one name of the list: the rules that name it and its place in
// the table.
type name struct {
	value                    string // the name, e.g. "co.uk"
	label                    string // its leftmost label, "co"
	parent                   *name  // nil for a top-level label
	normal, wildcard, except bool   // "co.uk", "*.co.uk", "!co.uk"
	slot                     uint32
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "pslgen:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	rules := publicsuffix.DefaultRules()
	names, err := buildNames(rules[:])
	if err != nil {
		return err
	}
	text, offsets, err := buildText(names)
	if err != nil {
		return err
	}
	bits := uint(1)
	for float64(len(names)) > maxLoad*float64(uint(1)<<bits) {
		bits++
	}
	if bits > 15 {
		return fmt.Errorf("%d names need %d table bits; a slot's parent has room for 15", len(names), bits)
	}
	seed := bestSeed(names, bits)
	slots, parents := place(names, bits, seed, offsets)

	var buf bytes.Buffer
	writeTable(&buf, tableInfo{
		source:  sourceVersion(),
		version: publicsuffix.ListVersion,
		rules:   countRules(names),
		names:   len(names),
		bits:    bits,
		seed:    seed,
		text:    text,
		slots:   slots,
		parents: parents,
	})
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return fmt.Errorf("formatting the table: %v", err)
	}
	_, err = w.Write(src)
	return err
}

// buildNames checks the rules and returns the list's names, parents before
// children and in a fixed order: by label count, then by value.
func buildNames(rules []publicsuffix.Rule) ([]*name, error) {
	byValue := map[string]*name{}
	var get func(value string) *name
	get = func(value string) *name {
		if n, ok := byValue[value]; ok {
			return n
		}
		n := &name{value: value, label: value}
		if i := strings.IndexByte(value, '.'); i >= 0 {
			n.label, n.parent = value[:i], get(value[i+1:])
		}
		byValue[value] = n
		return n
	}
	for _, r := range rules {
		if err := checkValue(r.Value); err != nil {
			return nil, fmt.Errorf("rule %+v: %v", r, err)
		}
		n := get(r.Value)
		switch r.Type {
		case publicsuffix.NormalType:
			n.normal = true
		case publicsuffix.WildcardType:
			n.wildcard = true
		case publicsuffix.ExceptionType:
			if n.parent == nil {
				return nil, fmt.Errorf("rule %+v: an exception rule needs two labels", r)
			}
			n.except = true
		default:
			return nil, fmt.Errorf("rule %+v: unknown type", r)
		}
	}
	names := make([]*name, 0, len(byValue))
	for _, n := range byValue {
		if n.except && (n.normal || n.wildcard) {
			return nil, fmt.Errorf("%q is both an exception and a rule", n.value)
		}
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b *name) int {
		if la, lb := strings.Count(a.value, "."), strings.Count(b.value, "."); la != lb {
			return la - lb
		}
		return strings.Compare(a.value, b.value)
	})
	return names, nil
}

// checkValue reports whether a rule's name is what the table can hold:
// lower-case ASCII labels of 1 to 63 bytes, with no "*" or "!" left in them.
func checkValue(v string) error {
	if v == "" {
		return errors.New("empty name")
	}
	for _, label := range strings.Split(v, ".") {
		if label == "" || len(label) >= 1<<lengthBits {
			return fmt.Errorf("label %q: length %d", label, len(label))
		}
		for i := 0; i < len(label); i++ {
			if c := label[i]; c >= 0x80 || 'A' <= c && c <= 'Z' || c == '*' || c == '!' {
				return fmt.Errorf("label %q: byte %#x", label, c)
			}
		}
	}
	return nil
}

// buildText returns one string that holds every label, and each label's
// offset in it. Longer labels go first, so that a shorter one is often
// found inside one already written.
func buildText(names []*name) (string, map[string]int, error) {
	var labels []string
	seen := map[string]bool{}
	for _, n := range names {
		if !seen[n.label] {
			seen[n.label] = true
			labels = append(labels, n.label)
		}
	}
	slices.SortFunc(labels, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	var text strings.Builder
	offsets := map[string]int{}
	for _, l := range labels {
		if i := strings.Index(text.String(), l); i >= 0 {
			offsets[l] = i
			continue
		}
		offsets[l] = text.Len()
		text.WriteString(l)
	}
	if text.Len() > 1<<offsetBits {
		return "", nil, fmt.Errorf("the labels take %d bytes; a slot's offset has room for %d", text.Len(), 1<<offsetBits)
	}
	return text.String(), offsets, nil
}

// place puts every name in its slot by linear probing and returns the
// slots and their parents. names must list parents before children.
func place(names []*name, bits uint, seed uint32, offsets map[string]int) (slots []uint32, parents []uint16) {
	size := uint32(1) << bits
	slots, parents = make([]uint32, size), make([]uint16, size)
	for _, n := range names {
		parent := uint32(root)
		if n.parent != nil {
			parent = n.parent.slot
		}
		i := hash(seed, parent, n.label) >> (32 - bits)
		for slots[i] != 0 {
			i = (i + 1) & (size - 1)
		}
		n.slot = i
		slots[i] = uint32(offsets[n.label]) | uint32(len(n.label))<<offsetBits | flags(n)
		parents[i] = uint16(parent)
	}
	return slots, parents
}

// countRules counts the distinct rules that names hold.
func countRules(names []*name) int {
	c := 0
	for _, n := range names {
		for _, r := range []bool{n.normal, n.wildcard, n.except} {
			if r {
				c++
			}
		}
	}
	return c
}

func flags(n *name) uint32 {
	var f uint32
	if n.normal {
		f |= flagNormal
	}
	if n.wildcard {
		f |= flagWild
	}
	if n.except {
		f |= flagExcept
	}
	return f
}

// bestSeed returns the seed, of the first numSeeds, whose table has the
// fewest probes in all: one look-up of each name, and one miss starting at
// each slot (the label after a listed name is most often unlisted).
func bestSeed(names []*name, bits uint) uint32 {
	best, bestCost := uint32(0), -1
	for seed := uint32(0); seed < numSeeds; seed++ {
		slots, _ := place(names, bits, seed, map[string]int{})
		mask := uint32(len(slots) - 1)
		cost := 0
		for _, n := range names {
			home := hash(seed, parentSlot(n), n.label) >> (32 - bits)
			cost += int((n.slot-home)&mask) + 1
		}
		for i := range slots {
			for j := uint32(i); slots[j] != 0; j = (j + 1) & mask {
				cost++
			}
			cost++
		}
		if bestCost < 0 || cost < bestCost {
			best, bestCost = seed, cost
		}
	}
	return best
}

func parentSlot(n *name) uint32 {
	if n.parent == nil {
		return root
	}
	return n.parent.slot
}

// sourceVersion names the module the rules come from, with its version.
func sourceVersion() string {
	const path = "github.com/weppos/publicsuffix-go"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == path {
				return path + " " + d.Version
			}
		}
	}
	return path
}

type tableInfo struct {
	source, version string
	rules, names    int
	bits            uint
	seed            uint32
	text            string
	slots           []uint32
	parents         []uint16
}

func writeTable(w *bytes.Buffer, t tableInfo) {
	fmt.Fprintf(w, "// Code generated by tools/pslgen from %s; DO NOT EDIT.\n\n", t.source)
	fmt.Fprintf(w, `// This file holds data derived from the Public Suffix List
// (https://publicsuffix.org/), private section included:
// %s.
// The list is subject to the terms of the Mozilla Public License, v. 2.0.
// If a copy of the MPL was not distributed with this file, You can obtain
// one at https://mozilla.org/MPL/2.0/.

package psl

// Version names the Public Suffix List that the table was generated from.
const Version = %q

const (
	numRules  = %d // the list's rules
	numNames  = %d // the names in table: every rule's, and their parents'
	tableBits = %d
	hashSeed  = %#x
)

`, t.version, t.version, t.rules, t.names, t.bits, t.seed)

	w.WriteString("// text holds every label of the list; a slot points to one label in it.\n")
	w.WriteString("const text = \"\" +\n")
	const chunk = 72
	for i := 0; i < len(t.text); i += chunk {
		end := min(i+chunk, len(t.text))
		sep := " +"
		if end == len(t.text) {
			sep = ""
		}
		fmt.Fprintf(w, "\t%q%s\n", t.text[i:end], sep)
	}

	w.WriteString("\n// table holds the list's names, one a slot (0 for an empty slot).\n")
	w.WriteString("var table = [1 << tableBits]uint32{\n")
	for i := 0; i < len(t.slots); i += 8 {
		w.WriteString("\t")
		for j := i; j < i+8 && j < len(t.slots); j++ {
			fmt.Fprintf(w, "%#x, ", t.slots[j])
		}
		w.WriteString("\n")
	}
	w.WriteString("}\n\n// parents holds the slot of each slot's parent name (root for a top-level label).\n")
	w.WriteString("var parents = [1 << tableBits]uint16{\n")
	for i := 0; i < len(t.parents); i += 12 {
		w.WriteString("\t")
		for j := i; j < i+12 && j < len(t.parents); j++ {
			fmt.Fprintf(w, "%#x, ", t.parents[j])
		}
		w.WriteString("\n")
	}
	w.WriteString("}\n")
}
