package origin

import (
	"strings"
	"unsafe"

	"github.com/corsim/corsim/internal/ascii"
)

// maxInput bounds the input length so that offsets fit in uint32.
const maxInput = 1<<31 - 1

// parser is one run of URL §concept-basic-url-parser. It writes the URL
// serializer's output (URL §concept-url-serializer) into out as it goes,
// recording where each component starts, so that no URL record has to be
// serialized afterwards.
type parser struct {
	raw     string // the input as given, for errors
	in      string // the input after clean-up (steps 1-3)
	base    URL    // the base URL, when hasBase
	hasBase bool
	out     []byte

	schemeEnd  int // index in out of the ":" after the scheme
	hostStart  int
	hostEnd    int
	pathStart  int
	queryStart int
	fragStart  int
	port       uint16
	flags      urlFlags
	isFile     bool
	isBlob     bool
	// originOnly stops the run once the origin is known, as Parse needs.
	originOnly bool
}

// cleanup is URL §concept-basic-url-parser steps 1-3: strip leading and
// trailing C0 control or space, then remove every ASCII tab or newline.
func cleanup(s string) string {
	for len(s) > 0 && c0OrSpace[s[0]] {
		s = s[1:]
	}
	for len(s) > 0 && c0OrSpace[s[len(s)-1]] {
		s = s[:len(s)-1]
	}
	if strings.IndexAny(s, "\t\n\r") < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if !tabOrNewline[s[i]] {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// view returns the bytes of b as a string without copying. The caller must
// not change b while the string is in use.
func view(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

func (p *parser) fail(part, reason string) error {
	return newError(p.raw, part, reason)
}

// at returns the byte at i, or -1 (the EOF code point) past the end.
func (p *parser) at(i int) int {
	if i < len(p.in) {
		return int(p.in[i])
	}
	return -1
}

// isSlash reports whether c is "/" or, for special URLs, "\".
func (p *parser) isSlash(c int) bool {
	return c == '/' || (c == '\\' && p.flags&flagSpecial != 0)
}

// run parses p.in.
func (p *parser) run() error {
	if len(p.raw) > maxInput {
		return p.fail("input", "input too long")
	}
	in := p.in
	// URL §scheme-start-state step 1 and §scheme-state: read a scheme.
	if len(in) > 0 && isAlpha(in[0]) {
		i := 1
		for i < len(in) && schemeChar[in[i]] {
			i++
		}
		if i < len(in) && in[i] == ':' {
			return p.afterScheme(i)
		}
		// URL §scheme-state step 3: no scheme; start over.
	}
	return p.noScheme()
}

// afterScheme continues URL §scheme-state step 2 once the scheme in[:i] and
// its ":" have been read.
func (p *parser) afterScheme(i int) error {
	size := len(p.in) + 16
	if p.originOnly && size > 256 {
		// The origin keeps a view of p.out alive: do not size it for a
		// long path that will not be written.
		size = 256
	}
	p.out = make([]byte, 0, size)
	for j := 0; j < i; j++ {
		p.out = append(p.out, ascii.LowerByte(p.in[j]))
	}
	p.schemeEnd = i
	p.out = append(p.out, ':')
	scheme := view(p.out[:i])
	p.setScheme(scheme)
	rest := i + 1
	switch {
	case p.isFile:
		// URL §scheme-state step 2.6.
		return p.fileState(rest)
	case p.flags&flagSpecial != 0 && p.hasBase && p.base.Scheme() == scheme:
		// Step 2.7: URL §special-relative-or-authority-state.
		if p.at(rest) == '/' && p.at(rest+1) == '/' {
			return p.authorityState(p.skipSlashes(rest + 2))
		}
		return p.relativeState(rest)
	case p.flags&flagSpecial != 0:
		// Step 2.8: URL §special-authority-slashes-state, then
		// §special-authority-ignore-slashes-state.
		return p.authorityState(p.skipSlashes(rest))
	case p.at(rest) == '/':
		// Step 2.9: URL §path-or-authority-state.
		if p.at(rest+1) == '/' {
			return p.authorityState(rest + 2)
		}
		p.pathStart = len(p.out)
		return p.pathState(rest + 1)
	}
	// Step 2.10: an opaque path.
	return p.opaquePathState(rest)
}

// setScheme records the flags that follow from the scheme.
func (p *parser) setScheme(scheme string) {
	if _, ok := specialPort(scheme); ok {
		p.flags |= flagSpecial
	}
	p.isFile = scheme == "file"
	p.isBlob = scheme == "blob"
}

// skipSlashes is URL §special-authority-ignore-slashes-state: skip every
// "/" and "\".
func (p *parser) skipSlashes(i int) int {
	for i < len(p.in) && (p.in[i] == '/' || p.in[i] == '\\') {
		i++
	}
	return i
}

// noScheme is URL §no-scheme-state.
func (p *parser) noScheme() error {
	b := &p.base
	c := p.at(0)
	// Step 1.
	if !p.hasBase || (b.flags&flagOpaquePath != 0 && c != '#') {
		return p.fail("scheme", "missing scheme in a relative URL without a usable base")
	}
	p.out = make([]byte, 0, len(b.href)+len(p.in)+16)
	if b.flags&flagOpaquePath != 0 {
		// Step 2: keep the base's scheme, path and query; new fragment.
		p.copyBase(b, true, true)
		p.flags |= flagOpaquePath
		return p.fragmentState(1)
	}
	p.out = append(p.out, b.href[:b.schemeEnd+1]...)
	p.schemeEnd = int(b.schemeEnd)
	p.setScheme(b.Scheme())
	if p.isFile {
		// Step 4.
		return p.fileState(0)
	}
	// Step 3.
	return p.relativeState(0)
}

// copyBase appends the base's authority (userinfo, host and port) and
// optionally its path and query, with the offsets they have in the base.
// The scheme of the URL being parsed must be the base's scheme.
func (p *parser) copyBase(b *URL, path, query bool) {
	end := b.authorityEnd()
	p.out = append(p.out[:0], b.href[:end]...)
	p.schemeEnd = int(b.schemeEnd)
	p.hostStart, p.hostEnd = int(b.hostStart), int(b.hostEnd)
	p.port = b.port
	p.flags = b.flags &^ (flagQuery | flagFragment | flagOpaquePath)
	p.pathStart = len(p.out)
	if path {
		p.out = append(p.out, b.href[b.pathStart:b.queryStart]...)
	}
	if query && b.flags&flagQuery != 0 {
		p.queryStart = len(p.out)
		p.flags |= flagQuery
		p.out = append(p.out, b.href[b.queryStart:b.fragStart]...)
	}
}

// authorityEnd is the index in href just past the host and port, or past
// the ":" after the scheme when the host is null.
func (u *URL) authorityEnd() int {
	if u.flags&flagHost == 0 {
		return int(u.schemeEnd) + 1
	}
	end := int(u.hostEnd)
	if u.flags&flagPort != 0 {
		end += 1 + decimalLen(u.port)
	}
	return end
}

// relativeState is URL §relative-state, with c at i.
func (p *parser) relativeState(i int) error {
	c := p.at(i)
	// Steps 3-4.
	if p.isSlash(c) {
		return p.relativeSlashState(i + 1)
	}
	// Step 5.1: copy the base's userinfo, host, port, path and query.
	p.setScheme(p.base.Scheme())
	switch c {
	case '?':
		// Step 5.2: a new query.
		p.copyBase(&p.base, true, false)
		return p.queryState(i + 1)
	case '#':
		// Step 5.3: a new fragment.
		p.copyBase(&p.base, true, true)
		return p.fragmentState(i + 1)
	case -1:
		p.copyBase(&p.base, true, true)
		return nil
	}
	// Step 5.4: drop the query, shorten the path, parse a path.
	p.copyBase(&p.base, true, false)
	p.shorten(len(p.out))
	return p.pathState(i)
}

// relativeSlashState is URL §relative-slash-state, with c at i.
func (p *parser) relativeSlashState(i int) error {
	c := p.at(i)
	if p.flags&flagSpecial != 0 && (c == '/' || c == '\\') {
		// Step 1.
		return p.authorityState(p.skipSlashes(i + 1))
	}
	if c == '/' {
		// Step 2.
		return p.authorityState(i + 1)
	}
	// Step 3: the base's authority, then a path-absolute.
	p.copyBase(&p.base, false, false)
	return p.pathState(i)
}

// authorityState is URL §authority-state followed by URL §host-state, with
// the first code point of the authority at i.
func (p *parser) authorityState(i int) error {
	in := p.in
	special := p.flags&flagSpecial != 0
	// Find where the authority ends and its last "@".
	end, at := i, -1
	for ; end < len(in); end++ {
		c := in[end]
		if c == '/' || c == '?' || c == '#' || (c == '\\' && special) {
			break
		}
		if c == '@' {
			at = end
		}
	}
	p.out = append(p.out[:p.schemeEnd+1], '/', '/')
	p.flags |= flagHost
	hostStart := i
	if at >= 0 {
		// URL §authority-state step 1: the userinfo, split at its first
		// ":", each part UTF-8 percent-encoded with the userinfo
		// percent-encode set (earlier "@"s become "%40").
		// Step 2.1: "@" with nothing after it fails.
		if at+1 == end {
			return p.fail("host", "missing host after credentials")
		}
		userinfo := in[i:at]
		user, pass := userinfo, ""
		if k := strings.IndexByte(userinfo, ':'); k >= 0 {
			user, pass = userinfo[:k], userinfo[k+1:]
		}
		if user != "" || pass != "" {
			p.flags |= flagCredentials
			p.out = appendEncoded(p.out, user, userinfoSet)
			if pass != "" {
				p.out = append(p.out, ':')
				p.out = appendEncoded(p.out, pass, userinfoSet)
			}
			p.out = append(p.out, '@')
		}
		hostStart = at + 1
	}
	return p.hostState(hostStart, end)
}

// hostState is URL §host-state for the host and port in in[i:end].
func (p *parser) hostState(i, end int) error {
	in := p.in
	special := p.flags&flagSpecial != 0
	// Find ":" outside brackets.
	colon := -1
	inside := false
	for j := i; j < end; j++ {
		switch in[j] {
		case '[':
			inside = true
		case ']':
			inside = false
		case ':':
			if !inside {
				colon = j
			}
		}
		if colon >= 0 {
			break
		}
	}
	hostEnd := end
	if colon >= 0 {
		hostEnd = colon
		// URL §host-state step 2.1: a port without a host fails.
		if colon == i {
			return p.fail("host", "missing host before port")
		}
	} else if special && i == end {
		// Step 3.1: a special URL needs a host.
		return p.fail("host", "missing host")
	}
	// Steps 2.3 and 3.3: host parsing.
	p.hostStart = len(p.out)
	var part, reason string
	p.out, part, reason = appendHost(p.out, in[i:hostEnd], special)
	if reason != "" {
		return p.fail(part, reason)
	}
	p.hostEnd = len(p.out)
	if colon >= 0 {
		if err := p.portState(colon+1, end); err != nil {
			return err
		}
	}
	return p.pathStartState(end)
}

// portState is URL §port-state for the port text in in[i:end].
func (p *parser) portState(i, end int) error {
	digits := p.in[i:end]
	if digits == "" {
		// Step 2.1 does not apply: the port stays null.
		return nil
	}
	n := 0
	for j := 0; j < len(digits); j++ {
		c := digits[j]
		// Step 3: anything but a digit before the end of the port fails.
		if !isDigit(c) {
			return p.fail("port", "invalid port character "+quoteByte(c))
		}
		if n <= 0xffff {
			n = n*10 + int(c-'0')
		}
	}
	// Step 2.1.2: above 65535 fails.
	if n > 0xffff {
		return p.fail("port", "port out of range")
	}
	// Step 2.1.3: the default port becomes null.
	if def, ok := specialPort(p.out[:p.schemeEnd]); ok && def >= 0 && n == def {
		return nil
	}
	p.port = uint16(n)
	p.flags |= flagPort
	p.out = append(p.out, ':')
	p.out = appendUint(p.out, p.port)
	return nil
}

// appendUint appends the decimal form of v.
func appendUint(b []byte, v uint16) []byte {
	var buf [5]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	return append(b, buf[i:]...)
}

// specialPort reports whether scheme is a special scheme (URL
// §special-scheme) and returns its default port (URL §default-port), or -1
// for "file", whose default port is null.
func specialPort[S string | []byte](scheme S) (port int, special bool) {
	switch string(scheme) {
	case "http", "ws":
		return 80, true
	case "https", "wss":
		return 443, true
	case "ftp":
		return 21, true
	case "file":
		return -1, true
	}
	return -1, false
}

// hasTupleOrigin reports whether URLs with this scheme have a tuple origin
// (URL §concept-url-origin): ftp, http, https, ws and wss.
func hasTupleOrigin(scheme string) bool {
	switch scheme {
	case "http", "https", "ws", "wss", "ftp":
		return true
	}
	return false
}
