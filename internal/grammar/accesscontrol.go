// The grammars of the Access-Control-* headers other than
// Access-Control-Allow-Origin (Fetch §http-new-header-syntax).

package grammar

// AppendTokenList appends the elements of the #token list spread over the
// given header lines (Access-Control-Allow-Methods, -Allow-Headers,
// -Expose-Headers, -Request-Headers) to dst and reports a *ListError for the
// first element that is not a token. header names the header, for the error.
//
// The grammar is RFC 9110 §5.6.1's list rule over Fetch §http-new-header-syntax
// (#method, #field-name): elements are separated by commas, optional
// whitespace (SP, HTAB) around them is skipped, and so are empty elements; an
// empty line is an empty list. Lines are concatenated, as Fetch
// §extract-header-list-values step 4 does.
//
// Elements are substrings of the lines (no copying), so AppendTokenList does
// not allocate when dst has capacity. It runs in time linear in the total
// length of the lines. On error, dst is returned with the elements found
// before the bad one.
func AppendTokenList(dst []string, header string, lines ...string) ([]string, error) {
	for _, line := range lines {
		sc := NewElements(line)
		for {
			elem, more, token := sc.NextToken()
			if !more {
				break
			}
			// Fetch §http-new-header-syntax: each element is a token.
			if !token {
				return dst, newListError(header, line, elem, "not a token")
			}
			dst = append(dst, elem)
		}
	}
	return dst, nil
}

// Elements walks the elements of one list line as [AppendTokenList] splits
// it, without allocating and without checking them: the caller checks each
// with [IsToken] (or [CheckToken] for the error AppendTokenList reports). Each
// byte is looked at a bounded number of times, so a walk is linear in the
// line's length however it is made of commas and whitespace.
type Elements struct {
	line string
	pos  int
}

// NewElements returns an Elements positioned at the start of line.
func NewElements(line string) Elements { return Elements{line: line} }

// Next returns the next element, and false at the end of the line.
func (e *Elements) Next() (elem string, more bool) {
	line, i := e.line, e.pos
	// RFC 9110 §5.6.1: OWS before an element, and empty elements.
	for i < len(line) && (line[i] == ',' || isTabOrSpace(line[i])) {
		i++
	}
	if i == len(line) {
		e.pos = i
		return "", false
	}
	// The element runs up to the next comma, then loses trailing OWS.
	start := i
	for i < len(line) && line[i] != ',' {
		i++
	}
	e.pos = i
	j := i
	for j > start && isTabOrSpace(line[j-1]) {
		j--
	}
	return line[start:j], true
}

// NextToken is Next for a list of tokens: it also reports whether the
// element is a token, looking at each byte once. An element that is not one
// is returned as Next returns it, for the error.
func (e *Elements) NextToken() (elem string, more, token bool) {
	line, i := e.line, e.pos
	for i < len(line) && (line[i] == ',' || isTabOrSpace(line[i])) {
		i++
	}
	if i == len(line) {
		e.pos = i
		return "", false, false
	}
	// The element is the run of tchar from start; anything but OWS then ',' or the end makes it
	// something else.
	start := i
	for i < len(line) && tcharTable[line[i]] {
		i++
	}
	end := i
	for i < len(line) && isTabOrSpace(line[i]) {
		i++
	}
	if i == len(line) || line[i] == ',' {
		e.pos = i
		return line[start:end], true, true
	}
	// Not a token: find the element's end as Next does.
	e.pos = start
	elem, more = e.Next()
	return elem, more, false
}

// CheckToken is the error [AppendTokenList] reports for elem, an element of
// line that is not a token; nil when elem is a token.
func CheckToken(header, line, elem string) error {
	if IsToken(elem) {
		return nil
	}
	return newListError(header, line, elem, "not a token")
}

// ParseMaxAge parses the Access-Control-Max-Age header lines (Fetch
// §http-access-control-max-age): exactly one line whose value, after
// optional whitespace (SP, HTAB) is removed from its ends, is delta-seconds,
// 1*DIGIT. A number beyond int64 saturates to math.MaxInt64, which is not an
// error. No line is an error that matches [ErrAbsent]; several lines, an
// empty value, a sign, a fraction or any other byte is an error (Fetch
// §extract-header-list-values step 2 for several lines). Errors are
// *[ListError]. It does not allocate on success.
func ParseMaxAge(lines []string) (seconds int64, err error) {
	const header = "Access-Control-Max-Age"
	// Fetch §extract-header-list-values step 1.
	switch len(lines) {
	case 0:
		return 0, newListError(header, "", "", reasonAbsent)
	case 1:
	default:
		// Fetch §extract-header-list-values step 2.
		return 0, newListError(header, lines[1], "", "more than one header line")
	}
	v := trimTabOrSpace(lines[0])
	if v == "" {
		return 0, newListError(header, lines[0], "", "empty value")
	}
	// delta-seconds = 1*DIGIT (RFC 9111 §1.2.2).
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return 0, newListError(header, lines[0], v[i:i+1], "not a digit")
		}
	}
	n, _ := DecimalInt64(v)
	return n, nil
}

// IsAllowCredentialsTrue reports whether an Access-Control-Allow-Credentials
// value is byte for byte "true" (Fetch §http-access-control-allow-credentials,
// %s"true"; §concept-cors-check step 7). "True", " true" and "true, true" are not.
func IsAllowCredentialsTrue(value string) bool { return value == "true" }
