package browser

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
)

// Ports of generated scenarios: the page, and two API servers. They are explicit
// high ports, so the generated corpus never needs a privileged port.
const (
	genPagePort = 18080
	genAPIPort  = 18081
	genAltPort  = 18082
	// The secure corpus's https ports; its mixed-content servers use the http ones.
	genSecurePagePort = 18443
	genSecureAPIPort  = 18444
	genSecureAltPort  = 18445
)

// GenerateCorpus writes n scenarios in the scenario format (one JSON object per
// line) to w, drawn from a pseudo-random generator seeded with seed: the same seed
// and n always give the same bytes. The scenarios cover simple and preflighted
// requests, the Access-Control-* mistakes servers really make (case, spaces,
// commas, trailing slashes, wrong port or scheme, "null"), preflight statuses,
// redirects, request modes, opaque origins and preflight-cache sequences with short
// waits. Every scenario uses host names of its own under .test, so scenarios can
// share a browser without sharing a URL.
func GenerateCorpus(w io.Writer, seed uint64, n int) error {
	return generate(w, &generator{r: rand.New(rand.NewPCG(seed, seed^0x636f7273696d)), seed: seed}, n)
}

// GenerateSecureCorpus is GenerateCorpus with every page on https (ids
// gen-<seed>s-NNNN-<family>), its servers on https but for one in ten API and
// one in ten redirect-target servers left on http, so that the corpus also
// exercises secure contexts and mixed content. It draws from a stream of its own:
// GenerateCorpus's output for the same seed is unchanged.
func GenerateSecureCorpus(w io.Writer, seed uint64, n int) error {
	return generate(w, &generator{r: rand.New(rand.NewPCG(seed, seed^0x736563757265)), seed: seed, secure: true}, n)
}

func generate(w io.Writer, g *generator, n int) error {
	for i := 0; i < n; i++ {
		sc := g.scenario(i)
		b, err := json.Marshal(sc)
		if err != nil {
			return fmt.Errorf("corsim: browser: generate scenario %d: %v", i, err)
		}
		if _, err := w.Write(append(b, '\n')); err != nil {
			return fmt.Errorf("corsim: browser: generate: %v", err)
		}
	}
	return nil
}

type generator struct {
	r      *rand.Rand
	seed   uint64
	secure bool // pages on https (GenerateSecureCorpus)
}

// pick returns one element of xs.
func pick[T any](g *generator, xs ...T) T { return xs[g.r.IntN(len(xs))] }

// chance is true with probability p.
func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

// names are the origins and URLs of one generated scenario.
type names struct {
	page, api, alt string // origins
	pageHost       string
}

func (g *generator) names(i int) names {
	if g.secure {
		tag := fmt.Sprintf("g%ds-%04d", g.seed, i)
		nm := names{
			page:     fmt.Sprintf("https://www-%s.corsim.test:%d", tag, genSecurePagePort),
			pageHost: fmt.Sprintf("www-%s.corsim.test", tag),
			api:      fmt.Sprintf("https://api-%s.corsim.test:%d", tag, genSecureAPIPort),
			alt:      fmt.Sprintf("https://cdn-%s.corsim.test:%d", tag, genSecureAltPort),
		}
		if g.chance(0.1) {
			nm.api = fmt.Sprintf("http://api-%s.corsim.test:%d", tag, genAPIPort)
		}
		if g.chance(0.1) {
			nm.alt = fmt.Sprintf("http://cdn-%s.corsim.test:%d", tag, genAltPort)
		}
		return nm
	}
	tag := fmt.Sprintf("g%d-%04d", g.seed, i)
	return names{
		page:     fmt.Sprintf("http://www-%s.corsim.test:%d", tag, genPagePort),
		pageHost: fmt.Sprintf("www-%s.corsim.test", tag),
		api:      fmt.Sprintf("http://api-%s.corsim.test:%d", tag, genAPIPort),
		alt:      fmt.Sprintf("http://cdn-%s.corsim.test:%d", tag, genAltPort),
	}
}

// scenario draws one scenario of a family chosen by weight.
func (g *generator) scenario(i int) scenario {
	nm := g.names(i)
	var sc scenario
	var family string
	switch x := g.r.IntN(100); {
	case x < 28:
		family, sc = "simple", g.simple(nm)
	case x < 58:
		family, sc = "preflight", g.preflight(nm)
	case x < 72:
		family, sc = "redirect", g.redirect(nm)
	case x < 84:
		family, sc = "cache", g.cacheSequence(nm)
	case x < 94:
		family, sc = "modes", g.modes(nm)
	default:
		family, sc = "opaque", g.opaque(nm)
	}
	sc.ID = fmt.Sprintf("gen-%d-%04d-%s", g.seed, i, family)
	if g.secure {
		sc.ID = fmt.Sprintf("gen-%ds-%04d-%s", g.seed, i, family)
	}
	if sc.PageOrigin == "" {
		sc.PageOrigin = nm.page
	}
	return sc
}
