package har

import "github.com/corsim/corsim/origin"

// PageOrigins returns the origins of the pages the log names, in the order of log.pages, without
// duplicates: a page's URL where the exporter writes it in pages[].title (Chromium), otherwise the
// origin of the page's document request. Pages whose origin the log does not show are left out.
func PageOrigins(l *Log) []origin.Origin {
	rp := &replay{log: l, pages: map[string]pageOrigin{}}
	rp.classify()
	var out []origin.Origin
	seen := map[origin.Origin]bool{}
	add := func(id string) {
		if p, ok := rp.pages[id]; ok && !seen[p.o] {
			seen[p.o] = true
			out = append(out, p.o)
		}
	}
	for _, p := range l.Pages {
		add(p.ID)
	}
	add("")
	return out
}
