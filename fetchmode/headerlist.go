package fetchmode

import (
	"slices"
	"strings"

	"github.com/corsim/corsim/internal/ascii"
)

// Header is one header entry: a name and a value, both byte strings (Fetch
// §concept-header).
type Header struct {
	Name, Value string
}

// HeaderList is a header list (Fetch §concept-header-list): an ordered list of
// entries that keeps the case of names and allows duplicates. Names are looked
// up byte-case-insensitively. The zero value is an empty list.
//
// The methods do not check that names and values are valid; see
// [IsHeaderName] and [IsHeaderValue].
type HeaderList []Header

// Contains reports whether some entry's name is a byte-case-insensitive
// match for name (Fetch §header-list-contains).
func (l HeaderList) Contains(name string) bool {
	for _, h := range l {
		if ascii.EqualFold(h.Name, name) {
			return true
		}
	}
	return false
}

// Count returns the number of entries named name (case-insensitively).
func (l HeaderList) Count(name string) int {
	n := 0
	for _, h := range l {
		if ascii.EqualFold(h.Name, name) {
			n++
		}
	}
	return n
}

// Get returns the values of all entries named name, in order, joined by ", "
// (0x2C 0x20), and whether there was any (Fetch §concept-header-list-get).
// With zero or one matching entry it does not allocate.
func (l HeaderList) Get(name string) (value string, ok bool) {
	first, n, size := -1, 0, 0
	for i, h := range l {
		if ascii.EqualFold(h.Name, name) {
			if first < 0 {
				first = i
			}
			n++
			size += len(h.Value)
		}
	}
	// Fetch §concept-header-list-get step 1.
	switch n {
	case 0:
		return "", false
	case 1:
		return l[first].Value, true
	}
	// Fetch §concept-header-list-get step 2.
	var b strings.Builder
	b.Grow(size + 2*(n-1))
	b.WriteString(l[first].Value)
	for _, h := range l[first+1:] {
		if ascii.EqualFold(h.Name, name) {
			b.WriteString(", ")
			b.WriteString(h.Value)
		}
	}
	return b.String(), true
}

// Values returns each matching entry's value, in order, or nil when there is
// none. The result is a new slice.
func (l HeaderList) Values(name string) []string { return l.AppendValues(nil, name) }

// AppendValues appends each matching entry's value to dst, in order. With a
// dst that has room it does not allocate, so the engine can hand the lines of
// a list header such as Access-Control-Allow-Methods to its parser on the hot
// path.
func (l HeaderList) AppendValues(dst []string, name string) []string {
	for _, h := range l {
		if ascii.EqualFold(h.Name, name) {
			dst = append(dst, h.Value)
		}
	}
	return dst
}

// Append appends the entry (name, value) (Fetch §concept-header-list-append).
// When the list already contains name, the new entry takes the first match's
// name, so its casing is kept.
func (l *HeaderList) Append(name, value string) {
	// Fetch §concept-header-list-append step 1.
	for _, h := range *l {
		if ascii.EqualFold(h.Name, name) {
			name = h.Name
			break
		}
	}
	// Fetch §concept-header-list-append step 2.
	*l = append(*l, Header{Name: name, Value: value})
}

// Set replaces the value of the first entry named name and removes the
// others, or appends (name, value) when there is none (Fetch
// §concept-header-list-set).
func (l *HeaderList) Set(name, value string) {
	for i, h := range *l {
		if ascii.EqualFold(h.Name, name) {
			// Fetch §concept-header-list-set step 1.
			(*l)[i].Value = value
			tail := (*l)[i+1:]
			kept := slices.DeleteFunc(tail, func(h Header) bool { return ascii.EqualFold(h.Name, name) })
			*l = (*l)[:i+1+len(kept)]
			return
		}
	}
	// Fetch §concept-header-list-set step 2.
	*l = append(*l, Header{Name: name, Value: value})
}

// Delete removes every entry named name (Fetch §concept-header-list-delete).
func (l *HeaderList) Delete(name string) {
	*l = slices.DeleteFunc(*l, func(h Header) bool { return ascii.EqualFold(h.Name, name) })
}

// Combine sets the first entry named name to its value followed by ", " and
// value, or appends (name, value) when there is none (Fetch
// §concept-header-list-combine). Other entries with that name are left alone.
func (l *HeaderList) Combine(name, value string) {
	for i, h := range *l {
		if ascii.EqualFold(h.Name, name) {
			// Fetch §concept-header-list-combine step 1.
			(*l)[i].Value = h.Value + ", " + value
			return
		}
	}
	// Fetch §concept-header-list-combine step 2.
	*l = append(*l, Header{Name: name, Value: value})
}

// SortAndCombine returns the entries of l sorted and combined (Fetch
// §concept-header-list-sort-and-combine): one entry per lower-cased name, in
// byte order, whose value is [HeaderList.Get] of that name — except
// set-cookie, which keeps one entry per value. This is what iterating a
// Headers object shows. l is not modified. It takes O(n log n) time for n
// entries.
func (l HeaderList) SortAndCombine() HeaderList {
	// Fetch §concept-header-list-sort-and-combine step 1.
	var out HeaderList
	// Step 2: convert the names to a sorted-lowercase set
	// (§convert-header-names-to-a-sorted-lowercase-set steps 2–3). A stable
	// sort of the entries by lower-cased name keeps each name's values in
	// list order, so every group below is one name of the set.
	sorted := make([]Header, len(l))
	for i, h := range l {
		sorted[i] = Header{Name: ascii.Lower(h.Name), Value: h.Value}
	}
	slices.SortStableFunc(sorted, func(a, b Header) int { return strings.Compare(a.Name, b.Name) })
	// Step 3.
	for i := 0; i < len(sorted); {
		name := sorted[i].Name
		j := i + 1
		for j < len(sorted) && sorted[j].Name == name {
			j++
		}
		if name == "set-cookie" {
			// Step 3.1: one entry per value, in order.
			out = append(out, sorted[i:j]...)
		} else {
			// Step 3.2: the values joined as get joins them.
			out = append(out, Header{Name: name, Value: joinValues(sorted[i:j])})
		}
		i = j
	}
	// Step 4.
	return out
}

// joinValues joins the values of hs with ", " (Fetch
// §concept-header-list-get step 2).
func joinValues(hs []Header) string {
	if len(hs) == 1 {
		return hs[0].Value
	}
	var b strings.Builder
	for i, h := range hs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(h.Value)
	}
	return b.String()
}

// Clone returns a copy of l that shares no storage with it; nil stays nil.
func (l HeaderList) Clone() HeaderList { return slices.Clone(l) }
