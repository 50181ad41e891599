package origin

import "strings"

// The fast paths recognize input that is already in the form the URL
// serializer would produce, so that parsing returns substrings of the input
// without copying. Anything unusual (upper case, userinfo, default or
// non-canonical ports, non-ASCII, percent-encoding in the host, dot
// segments, characters to percent-encode, tabs or surrounding spaces) falls
// back to the full parser, which is always correct; the fast paths only
// ever accept input on which the full parser gives the same result.

// fastAuthority matches a canonical "scheme://host[:port]" prefix of s for
// the schemes with tuple origins. end is the index just past it.
type fastAuthority struct {
	schemeLen int
	end       int
	port      uint16
	hasPort   bool
}

func matchAuthority(s string) (a fastAuthority, ok bool) {
	def := 0
	switch {
	case strings.HasPrefix(s, "https://"):
		a.schemeLen, def = 5, 443
	case strings.HasPrefix(s, "http://"):
		a.schemeLen, def = 4, 80
	case strings.HasPrefix(s, "wss://"):
		a.schemeLen, def = 3, 443
	case strings.HasPrefix(s, "ws://"):
		a.schemeLen, def = 2, 80
	case strings.HasPrefix(s, "ftp://"):
		a.schemeLen, def = 3, 21
	default:
		return a, false
	}
	i := a.schemeLen + 3
	hostStart := i
	for i < len(s) && canonicalHost[s[i]] {
		i++
	}
	host := s[hostStart:i]
	if host == "" {
		return a, false
	}
	if endsInNumber(host) {
		// Only a canonical dotted-decimal IPv4 address stays as it is.
		v4, ok := parseIPv4(host)
		if !ok {
			return a, false
		}
		var buf [15]byte
		if string(appendIPv4(buf[:0], v4)) != host {
			return a, false
		}
	}
	if i < len(s) && s[i] == ':' {
		// A canonical port: digits without a leading zero, in range, and
		// not the scheme's default port.
		j := i + 1
		n := 0
		for j < len(s) && isDigit(s[j]) && j-i <= 5 {
			n = n*10 + int(s[j]-'0')
			j++
		}
		digits := j - i - 1
		if digits == 0 || digits > 5 || (digits > 1 && s[i+1] == '0') || n > 0xffff || n == def {
			return a, false
		}
		a.port, a.hasPort = uint16(n), true
		i = j
	}
	if i < len(s) {
		switch s[i] {
		case '/', '?', '#', '\\':
		default:
			return a, false
		}
	}
	a.end = i
	return a, true
}

// fastOrigin returns the origin of s when s starts with a canonical
// authority; nothing after the authority can make a special URL fail.
func fastOrigin(s string) (Origin, bool) {
	a, ok := matchAuthority(s)
	if !ok {
		return Origin{}, false
	}
	ser := s[:a.end]
	if len(s) > 4*len(ser)+256 {
		// Do not keep a large input alive for a small origin.
		ser = strings.Clone(ser)
	}
	return makeTuple(ser, a.schemeLen, a.port, a.hasPort), true
}

// fastURL parses s when it is already a serialized URL with a tuple-origin
// scheme.
func fastURL(s string) (URL, bool) {
	a, ok := matchAuthority(s)
	if !ok || a.end == len(s) || s[a.end] != '/' || len(s) > maxInput {
		return URL{}, false
	}
	// The path: no byte to percent-encode, no "\", no dot segments.
	i := a.end
	segStart := i + 1
	for ; i < len(s); i++ {
		c := s[i]
		if c == '?' || c == '#' {
			break
		}
		if c == '/' {
			if i > a.end && isDotSegment(s[segStart:i]) {
				return URL{}, false
			}
			segStart = i + 1
			continue
		}
		if pathSet[c] || c == '\\' {
			return URL{}, false
		}
	}
	if isDotSegment(s[segStart:i]) {
		return URL{}, false
	}
	u := URL{
		href:      s,
		schemeEnd: uint32(a.schemeLen),
		hostStart: uint32(a.schemeLen + 3),
		pathStart: uint32(a.end),
		port:      a.port,
		flags:     flagSpecial | flagHost,
	}
	u.hostEnd = uint32(a.end)
	if a.hasPort {
		u.flags |= flagPort
		u.hostEnd -= uint32(1 + decimalLen(a.port))
	}
	u.queryStart = uint32(i)
	if i < len(s) && s[i] == '?' {
		u.flags |= flagQuery
		for i++; i < len(s) && s[i] != '#'; i++ {
			if specialQuerySet[s[i]] {
				return URL{}, false
			}
		}
	}
	u.fragStart = uint32(i)
	if i < len(s) {
		u.flags |= flagFragment
		for i++; i < len(s); i++ {
			if fragmentSet[s[i]] {
				return URL{}, false
			}
		}
	}
	u.origin = makeTuple(s[:a.end], a.schemeLen, a.port, a.hasPort)
	return u, true
}

func isDotSegment(seg string) bool {
	return isSingleDot(seg) || isDoubleDot(seg)
}
