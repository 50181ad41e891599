package origin

// stopHere reports whether an origin-only run can stop: nothing after the
// host and port can fail, and only blob: URLs need their path for the
// origin.
func (p *parser) stopHere() bool {
	return p.originOnly && !p.isBlob
}

// pathStartState is URL §path-start-state, with c at i.
func (p *parser) pathStartState(i int) error {
	p.pathStart = len(p.out)
	if p.stopHere() {
		return nil
	}
	c := p.at(i)
	switch {
	case p.flags&flagSpecial != 0:
		// Step 1: special URLs always have a path.
		if c == '/' || c == '\\' {
			i++
		}
		return p.pathState(i)
	case c == '?':
		// Step 2.
		return p.queryState(i + 1)
	case c == '#':
		// Step 3.
		return p.fragmentState(i + 1)
	case c != -1:
		// Step 4.
		if c == '/' {
			i++
		}
		return p.pathState(i)
	}
	return nil
}

// pathState is URL §path-state, with c at i. It appends segments to the path
// that starts at p.pathStart.
func (p *parser) pathState(i int) error {
	if p.stopHere() {
		return nil
	}
	in := p.in
	for {
		// Each segment is written as "/" followed by the buffer,
		// UTF-8 percent-encoded with the path percent-encode set (step 2.3).
		segStart := len(p.out)
		p.out = append(p.out, '/')
		j := i
		for j < len(in) {
			c := in[j]
			if c == '/' || c == '?' || c == '#' || (c == '\\' && p.flags&flagSpecial != 0) {
				break
			}
			j++
		}
		p.out = appendEncoded(p.out, in[i:j], pathSet)
		c := p.at(j)
		slash := p.isSlash(c)
		seg := view(p.out[segStart+1:])
		switch {
		case isDoubleDot(seg):
			// Step 1.2: shorten, and keep a trailing empty segment unless
			// a slash follows.
			p.out = p.out[:segStart]
			p.shorten(segStart)
			if !slash {
				p.out = append(p.out, '/')
			}
		case isSingleDot(seg):
			// Step 1.3.
			p.out = p.out[:segStart]
			if !slash {
				p.out = append(p.out, '/')
			}
		default:
			// Step 1.4.1: a Windows drive letter as the first segment of a
			// file URL is normalized.
			if p.isFile && segStart == p.pathStart && isDriveLetter(seg) {
				p.out[segStart+2] = ':'
			}
		}
		// Steps 1.5-1.7.
		switch {
		case slash:
			i = j + 1
			continue
		case c == '?':
			return p.queryState(j + 1)
		case c == '#':
			return p.fragmentState(j + 1)
		}
		return nil
	}
}

// shorten is URL §shorten-a-urls-path for the path in p.out[p.pathStart:end].
func (p *parser) shorten(end int) {
	path := p.out[p.pathStart:end]
	// Step 3: a file URL keeps a lone normalized Windows drive letter.
	if p.isFile && len(path) == 3 && isNormalizedDriveLetter(view(path[1:])) {
		p.out = p.out[:end]
		return
	}
	// Step 4: remove the last segment.
	k := len(path) - 1
	for k >= 0 && path[k] != '/' {
		k--
	}
	if k < 0 {
		k = 0
	}
	p.out = p.out[:p.pathStart+k]
}

// isSingleDot is URL §single-dot-path-segment.
func isSingleDot(s string) bool {
	return s == "." || (len(s) == 3 && s[0] == '%' && s[1] == '2' && (s[2] == 'e' || s[2] == 'E'))
}

// isDoubleDot is URL §double-dot-path-segment.
func isDoubleDot(s string) bool {
	switch len(s) {
	case 2:
		return s == ".."
	case 4:
		return (s[0] == '.' && isSingleDot(s[1:])) || (s[3] == '.' && isSingleDot(s[:3]))
	case 6:
		return isSingleDot(s[:3]) && isSingleDot(s[3:])
	}
	return false
}

// isDriveLetter is URL §windows-drive-letter.
func isDriveLetter(s string) bool {
	return len(s) == 2 && isAlpha(s[0]) && (s[1] == ':' || s[1] == '|')
}

// isNormalizedDriveLetter is URL §normalized-windows-drive-letter.
func isNormalizedDriveLetter(s string) bool {
	return len(s) == 2 && isAlpha(s[0]) && s[1] == ':'
}

// startsWithDriveLetter is URL §start-with-a-windows-drive-letter.
func startsWithDriveLetter(s string) bool {
	if len(s) < 2 || !isDriveLetter(s[:2]) {
		return false
	}
	if len(s) == 2 {
		return true
	}
	switch s[2] {
	case '/', '\\', '?', '#':
		return true
	}
	return false
}

// opaquePathState is URL §cannot-be-a-base-url-path-state (the opaque path
// state), with c at i.
func (p *parser) opaquePathState(i int) error {
	p.flags |= flagOpaquePath
	p.pathStart = len(p.out)
	if p.stopHere() {
		return nil
	}
	in := p.in
	j := i
	for j < len(in) && in[j] != '?' && in[j] != '#' {
		j++
	}
	// Step 4: UTF-8 percent-encode with the C0 control percent-encode set.
	// Step 3: a space is kept, except that the last one before "?" or "#"
	// becomes "%20".
	seg := in[i:j]
	if j < len(in) && len(seg) > 0 && seg[len(seg)-1] == ' ' {
		p.out = appendEncoded(p.out, seg[:len(seg)-1], c0ControlSet)
		p.out = append(p.out, "%20"...)
	} else {
		p.out = appendEncoded(p.out, seg, c0ControlSet)
	}
	switch p.at(j) {
	case '?':
		// Step 1.
		return p.queryState(j + 1)
	case '#':
		// Step 2.
		return p.fragmentState(j + 1)
	}
	return nil
}

// queryState is URL §query-state, with c at i: the query runs to "#" or the
// end and is percent-encoded with the special-query percent-encode set for
// special URLs and the query percent-encode set otherwise.
func (p *parser) queryState(i int) error {
	in := p.in
	j := i
	for j < len(in) && in[j] != '#' {
		j++
	}
	set := querySet
	if p.flags&flagSpecial != 0 {
		set = specialQuerySet
	}
	p.appendComponent(&p.queryStart, flagQuery, '?', in[i:j], set)
	if j < len(in) {
		return p.fragmentState(j + 1)
	}
	return nil
}

// fragmentState is URL §fragment-state: the rest of the input, encoded with
// the fragment percent-encode set.
func (p *parser) fragmentState(i int) error {
	rest := ""
	if i < len(p.in) {
		rest = p.in[i:]
	}
	p.appendComponent(&p.fragStart, flagFragment, '#', rest, fragmentSet)
	return nil
}

// appendComponent writes a query or a fragment: it records where the
// component starts in p.out and flags it, then writes its delimiter ('?' or
// '#') and s percent-encoded with set.
func (p *parser) appendComponent(start *int, flag urlFlags, delim byte, s string, set *byteSet) {
	*start = len(p.out)
	p.flags |= flag
	p.out = append(p.out, delim)
	p.out = appendEncoded(p.out, s, set)
}
