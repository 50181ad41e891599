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
		var err error
		dst, err = appendLineTokens(dst, header, line)
		if err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// appendLineTokens scans one line byte by byte. Each byte is looked at a
// bounded number of times: once to find the element's end, once (for the
// element only) to check it is a token.
func appendLineTokens(dst []string, header, line string) ([]string, error) {
	i := 0
	for i < len(line) {
		// RFC 9110 §5.6.1: OWS before an element, and empty elements.
		if c := line[i]; c == ',' || isTabOrSpace(c) {
			i++
			continue
		}
		// The element runs up to the next comma, then loses trailing OWS.
		start := i
		for i < len(line) && line[i] != ',' {
			i++
		}
		elem := line[start:i]
		j := len(elem)
		for j > 0 && isTabOrSpace(elem[j-1]) {
			j--
		}
		elem = elem[:j]
		// Fetch §http-new-header-syntax: each element is a token.
		if !IsToken(elem) {
			return dst, newListError(header, line, elem, "not a token")
		}
		dst = append(dst, elem)
	}
	return dst, nil
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
