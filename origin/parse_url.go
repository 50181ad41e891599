package origin

// parseURL runs the basic URL parser on raw with an optional base and
// returns the URL with its serialization and origin.
func parseURL(raw string, base *URL) (URL, error) {
	// A canonical "scheme://" URL with a special scheme does not depend on
	// the base: URL §scheme-state goes to the authority either way.
	if u, ok := fastURL(raw); ok {
		return u, nil
	}
	p := parser{raw: raw, in: cleanup(raw)}
	if base != nil {
		p.base, p.hasBase = *base, true
	}
	if err := p.run(); err != nil {
		return URL{}, err
	}
	return p.finish(), nil
}

// finish turns the parser's output into a URL.
func (p *parser) finish() URL {
	end := len(p.out)
	if p.flags&flagQuery == 0 {
		p.queryStart = p.fragEnd(end)
	}
	if p.flags&flagFragment == 0 {
		p.fragStart = end
	}
	// URL §concept-url-serializer step 3: a host-less URL whose path starts
	// with an empty segment gets "/." before the path.
	if p.flags&(flagHost|flagOpaquePath) == 0 && p.queryStart-p.pathStart >= 2 &&
		p.out[p.pathStart] == '/' && p.out[p.pathStart+1] == '/' {
		p.out = append(p.out, 0, 0)
		copy(p.out[p.pathStart+2:], p.out[p.pathStart:end])
		p.out[p.pathStart], p.out[p.pathStart+1] = '/', '.'
		p.pathStart += 2
		p.queryStart += 2
		p.fragStart += 2
	}
	href := view(p.out)
	u := URL{
		href:       href,
		schemeEnd:  uint32(p.schemeEnd),
		hostStart:  uint32(p.hostStart),
		hostEnd:    uint32(p.hostEnd),
		pathStart:  uint32(p.pathStart),
		queryStart: uint32(p.queryStart),
		fragStart:  uint32(p.fragStart),
		port:       p.port,
		flags:      p.flags,
	}
	u.origin = urlOrigin(&u)
	return u
}

// fragEnd returns where the path and query end: the fragment's "#" if
// there is one, else end.
func (p *parser) fragEnd(end int) int {
	if p.flags&flagFragment != 0 {
		return p.fragStart
	}
	return end
}

// urlOrigin is URL §concept-url-origin.
func urlOrigin(u *URL) Origin {
	scheme := u.Scheme()
	switch {
	case hasTupleOrigin(scheme):
		// "ftp", "http", "https", "ws", "wss": the tuple (scheme, host,
		// port).
		return tupleOf(u)
	case scheme == "blob":
		// "blob" steps 2-5 (no blob URL entry here): the origin of the URL
		// in the path, when that is http or https (file origins are
		// opaque here); otherwise a new opaque origin.
		if u.flags&flagOpaquePath != 0 {
			inner := parser{raw: u.href, in: u.href[u.pathStart:u.queryStart], originOnly: true}
			if fast, ok := fastOrigin(inner.in); ok {
				if s := fast.Scheme(); s == "http" || s == "https" {
					return fast
				}
				return NewOpaque()
			}
			if inner.run() == nil {
				s := view(inner.out[:inner.schemeEnd])
				if s == "http" || s == "https" {
					return inner.origin()
				}
			}
		}
	}
	// "file" ("when in doubt, return a new opaque origin") and every other
	// scheme.
	return NewOpaque()
}

// tupleOf returns the tuple origin of a URL with a special, non-file scheme.
func tupleOf(u *URL) Origin {
	end := u.authorityEnd()
	schemeLen := int(u.schemeEnd)
	if u.flags&flagCredentials == 0 {
		return makeTuple(u.href[:end], schemeLen, u.port, u.flags&flagPort != 0)
	}
	b := make([]byte, 0, schemeLen+3+end-int(u.hostStart))
	b = append(b, u.href[:schemeLen]...)
	b = append(b, "://"...)
	b = append(b, u.href[u.hostStart:end]...)
	return makeTuple(view(b), schemeLen, u.port, u.flags&flagPort != 0)
}

// origin returns the origin of an origin-only run of the parser.
func (p *parser) origin() Origin {
	u := URL{
		href:      view(p.out),
		schemeEnd: uint32(p.schemeEnd),
		hostStart: uint32(p.hostStart),
		hostEnd:   uint32(p.hostEnd),
		pathStart: uint32(p.pathStart),
		port:      p.port,
		flags:     p.flags,
	}
	if p.isBlob {
		u.queryStart = uint32(p.fragEnd(len(p.out)))
		if p.flags&flagQuery != 0 {
			u.queryStart = uint32(p.queryStart)
		}
		return urlOrigin(&u)
	}
	if !hasTupleOrigin(view(p.out[:p.schemeEnd])) {
		return NewOpaque()
	}
	return tupleOf(&u)
}

// parseOrigin is Parse: the origin of the absolute URL raw.
func parseOrigin(raw string) (Origin, error) {
	if o, ok := fastOrigin(raw); ok {
		return o, nil
	}
	p := parser{raw: raw, in: cleanup(raw), originOnly: true}
	if err := p.run(); err != nil {
		return Origin{}, err
	}
	return p.origin(), nil
}
