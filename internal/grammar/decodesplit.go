package grammar

// DecodeSplit returns the items of a header value as Fetch
// §header-value-get-decode-and-split finds them: the value is split on commas
// that are outside HTTP quoted strings; quoted strings keep their quotes and
// backslashes; each item is trimmed of HTTP tab or space bytes; empty items are
// kept ("nosniff," gives "nosniff" and ""). An empty value is one empty item.
// Items are byte strings: isomorphic decoding is the identity here.
//
// Fetch §concept-header-list-get-decode-split on a header list is
// fetchmode's HeaderList.Get followed by DecodeSplit of the value, when there
// is one.
func DecodeSplit(value string) []string {
	var items []string
	sp := NewSplitter(value)
	for {
		item, more := sp.Next()
		if !more {
			return items
		}
		items = append(items, item)
	}
}

// Splitter walks a value item by item as [DecodeSplit] splits it, without
// allocating: every item is a contiguous run of the input.
type Splitter struct {
	s    string
	pos  int
	done bool
}

// NewSplitter returns a Splitter positioned at the start of value.
func NewSplitter(value string) Splitter { return Splitter{s: value} }

// Next returns the next item, and false once the value is exhausted. An
// empty value yields one empty item, as the standard's loop does.
func (sp *Splitter) Next() (string, bool) {
	if sp.done {
		return "", false
	}
	s := sp.s
	// Fetch §header-value-get-decode-and-split step 4: temporaryValue is
	// always s[start:sp.pos], since every step below only advances.
	start := sp.pos
	for {
		// Step 5.1: collect code points that are not U+0022 or U+002C.
		for sp.pos < len(s) && s[sp.pos] != '"' && s[sp.pos] != ',' {
			sp.pos++
		}
		// Step 5.2: a quoted string is kept as is, quotes included.
		if sp.pos < len(s) && s[sp.pos] == '"' {
			sp.pos = skipQuotedString(s, sp.pos)
			if sp.pos < len(s) {
				continue
			}
		}
		break
	}
	// Step 5.3: remove HTTP tab or space from both ends.
	item := trimTabOrSpace(s[start:sp.pos])
	// Step 5.6: past the end, this was the last item.
	if sp.pos >= len(s) {
		sp.done = true
		return item, true
	}
	// Steps 5.7–5.8: s[sp.pos] is a comma; skip it.
	sp.pos++
	return item, true
}

// skipQuotedString returns the position just after the HTTP quoted string
// that starts with the '"' at s[pos] (Fetch §collect-an-http-quoted-string,
// with extract-value false): after the closing quote, or len(s) when the
// string is not closed. A backslash escapes the byte after it.
func skipQuotedString(s string, pos int) int {
	// Fetch §collect-an-http-quoted-string steps 3–4: skip the opening quote.
	pos++
	for pos < len(s) {
		// Step 5.1: collect everything but '"' and '\'.
		switch s[pos] {
		case '\\':
			// Step 5.4: the escaped byte, if any, is taken as is.
			pos += 2
		case '"':
			// Step 5.5: the closing quote ends the string.
			return pos + 1
		default:
			pos++
		}
	}
	// Step 5.2: past the end.
	return len(s)
}
