package origin

// fileState is URL §file-state, with c at i. The scheme "file:" is already
// in p.out.
func (p *parser) fileState(i int) error {
	// Steps 1-2: the host is the empty string.
	p.out = append(p.out[:p.schemeEnd+1], '/', '/')
	p.flags |= flagHost
	p.hostStart, p.hostEnd = len(p.out), len(p.out)
	c := p.at(i)
	b := &p.base
	switch {
	case c == '/' || c == '\\':
		// Step 3.
		return p.fileSlashState(i + 1)
	case p.hasBase && b.Scheme() == "file":
		// Step 4: the base's host, path and query.
		switch c {
		case '?':
			p.copyBase(b, true, false)
			return p.queryState(i + 1)
		case '#':
			p.copyBase(b, true, true)
			return p.fragmentState(i + 1)
		case -1:
			p.copyBase(b, true, true)
			return nil
		}
		// Step 4.4: drop the query; shorten the path unless a drive letter
		// starts the rest, in which case the path is emptied.
		if startsWithDriveLetter(p.in[i:]) {
			p.copyBase(b, false, false)
		} else {
			p.copyBase(b, true, false)
			p.shorten(len(p.out))
		}
		return p.pathState(i)
	}
	// Step 5.
	p.pathStart = len(p.out)
	return p.pathState(i)
}

// fileSlashState is URL §file-slash-state, with c at i.
func (p *parser) fileSlashState(i int) error {
	c := p.at(i)
	if c == '/' || c == '\\' {
		// Step 1.
		return p.fileHostState(i + 1)
	}
	// Step 2.1: the base's host, and its drive letter.
	b := &p.base
	p.pathStart = len(p.out)
	if p.hasBase && b.Scheme() == "file" {
		p.copyBase(b, false, false)
		basePath := b.href[b.pathStart:b.queryStart]
		if !startsWithDriveLetter(p.in[i:]) && len(basePath) >= 3 &&
			isNormalizedDriveLetter(basePath[1:3]) && (len(basePath) == 3 || basePath[3] == '/') {
			p.out = append(p.out, basePath[:3]...)
		}
	}
	// Step 2.2.
	return p.pathState(i)
}

// fileHostState is URL §file-host-state, with c at i.
func (p *parser) fileHostState(i int) error {
	in := p.in
	j := i
	for j < len(in) {
		c := in[j]
		if c == '/' || c == '\\' || c == '?' || c == '#' {
			break
		}
		j++
	}
	buffer := in[i:j]
	// Step 1.1: a drive letter is the first path segment, not a host.
	if isDriveLetter(buffer) {
		p.pathStart = len(p.out)
		return p.pathState(i)
	}
	// Step 1.2: an empty host.
	if buffer == "" {
		return p.pathStartState(j)
	}
	// Step 1.3: parse the host; "localhost" becomes the empty host.
	start := len(p.out)
	var part, reason string
	p.out, part, reason = appendHost(p.out, buffer, true)
	if reason != "" {
		return p.fail(part, reason)
	}
	if view(p.out[start:]) == "localhost" {
		p.out = p.out[:start]
	}
	p.hostEnd = len(p.out)
	return p.pathStartState(j)
}
