package browser

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// defaultControlPort is the port of the harness's own runner host (used for
// opaque-origin pages that name no embedding page, and for the self-driving start
// and end pages).
const defaultControlPort = 47800

// harness owns the loopback servers for a corpus.
type harness struct {
	hub      *hub
	srv      *servers
	certs    *certAuthority
	ctlPort  int
	skipped  map[string]string // scenario key → why it cannot run here
	unbound  map[int]string    // port → why it could not be bound
	hostList []string
	// Time limits: for a scenario's result, and for a self-driving browser to ask for
	// its first and its next page.
	timeout       func(*scenario) time.Duration
	firstPageWait time.Duration
	nextPageWait  time.Duration
}

// scenarioRun is one scenario as one browser ran it.
type scenarioRun struct {
	sc      *scenario
	report  runnerReport
	log     [][]record  // per fetch
	marks   []time.Time // when the page began each fetch (zero when unknown)
	chrome  *chromeEvents
	err     error
	elapsed time.Duration
}

// newHarness binds every port the corpus names (plus the control port) and gives
// every scenario a unique key.
func newHarness(corpus []*scenario, ctlPort int, withTLS bool) (*harness, error) {
	h := &harness{hub: newHub(ctlPort), ctlPort: ctlPort, skipped: map[string]string{}, unbound: map[int]string{},
		timeout: scenarioTimeout, firstPageWait: 90 * time.Second, nextPageWait: 20 * time.Second}
	if withTLS {
		ca, err := newCertAuthority()
		if err != nil {
			return nil, err
		}
		h.certs = ca
	}
	var tlsConf = h.certs.serverConfig()
	h.srv = newServers(h.hub, tlsConf)
	if err := h.srv.listen(ctlPort); err != nil {
		return nil, err
	}
	hosts := map[string]bool{runnerHost: true}
	for i, sc := range corpus {
		sc.key = fmt.Sprintf("s%05d", i)
		if why := sc.environmentProblem(); why != "" {
			h.skipped[sc.key] = why
			continue
		}
		for _, e := range sc.endpoints() {
			if e.Scheme == "https" && h.certs == nil {
				h.skipped[sc.key] = "uses https, and this run serves plain http only"
			}
		}
		if _, ok := h.skipped[sc.key]; ok {
			continue
		}
		for _, e := range sc.endpoints() {
			if _, bad := h.unbound[e.Port]; bad {
				continue
			}
			if err := h.srv.listen(e.Port); err != nil {
				h.unbound[e.Port] = err.Error()
			}
		}
		for _, n := range sc.hostnames() {
			hosts[n] = true
		}
	}
	h.hub.add(corpus)
	for n := range hosts {
		h.hostList = append(h.hostList, n)
	}
	sort.Strings(h.hostList)
	return h, nil
}

func (h *harness) close() { h.srv.shutdown() }

// runnable reports whether sc can run here, and if not, why.
func (h *harness) runnable(sc *scenario) (bool, string) {
	if why, ok := h.skipped[sc.key]; ok {
		return false, why
	}
	return true, ""
}

// resolverRules maps the .test names, and every other name of the corpus, to
// loopback for Chromium; any other name fails to resolve, so nothing leaves the
// machine.
func (h *harness) resolverRules() string {
	rules := []string{"MAP *.test 127.0.0.1"}
	for _, n := range h.hostList {
		if !strings.HasSuffix(n, ".test") && n != "localhost" {
			rules = append(rules, "MAP "+n+" 127.0.0.1")
		}
	}
	// IP literals go through the rules too, so loopback addresses are excluded.
	rules = append(rules, "MAP * ~NOTFOUND", "EXCLUDE localhost", "EXCLUDE 127.0.0.1", "EXCLUDE ::1", "EXCLUDE [::1]")
	return strings.Join(rules, ", ")
}

// scenarioTimeout bounds one scenario: its waits plus a budget per fetch.
func scenarioTimeout(sc *scenario) time.Duration {
	d := 10 * time.Second
	for _, f := range sc.Fetches {
		d += time.Duration(f.WaitMS)*time.Millisecond + 16*time.Second
	}
	return d
}

// runChromium runs every scenario in one Chromium, each in its own browser
// context, with up to workers scenarios at a time (scenarios that share a host
// and port never run at the same time).
func (h *harness) runChromium(scs []*scenario, workers int, progress func(done, total int)) ([]scenarioRun, string, error) {
	spki := ""
	if h.certs != nil {
		spki = h.certs.spki
	}
	c, err := startChromium(h.resolverRules(), spki)
	if err != nil {
		return nil, "", err
	}
	// Chromium uploads a stream body only over HTTP/2 (http2.go); the other browsers are
	// served HTTP/1.1 throughout, since they need no HTTP/2 and Firefox would show its
	// own X-Firefox-Spdy response header to script on one.
	h.hub.setHTTP2(true)
	defer h.hub.setHTTP2(false)
	var mu sync.Mutex // guards c, pending, out, done
	defer func() { c.close() }()
	version := c.version
	var pending []*scenario
	for _, sc := range scs {
		if ok, _ := h.runnable(sc); ok {
			pending = append(pending, sc)
		}
	}
	out := make([]scenarioRun, 0, len(pending))
	total, done := len(pending), 0
	var fatal error
	// take removes and returns the first pending scenario that shares no host with a
	// running one; nil when there is none right now.
	take := func() (*activeRun, bool) {
		for i, sc := range pending {
			if h.hub.conflicts(sc) {
				continue
			}
			pending = append(pending[:i], pending[i+1:]...)
			run, err := h.hub.begin(sc)
			if err != nil {
				out = append(out, scenarioRun{sc: sc, err: err})
				continue
			}
			return run, true
		}
		return nil, len(pending) > 0
	}
	var wg sync.WaitGroup
	for w := 0; w < max(workers, 1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				if fatal != nil {
					mu.Unlock()
					return
				}
				ar, more := take()
				cc := c
				mu.Unlock()
				if ar == nil {
					if !more {
						return
					}
					time.Sleep(20 * time.Millisecond)
					continue
				}
				sc := ar.sc
				start := time.Now()
				rep, log, ev, err := cc.runScenario(h.hub, ar, h.timeout(sc))
				run := scenarioRun{sc: sc, report: rep, log: fetchLog(log, len(sc.Fetches)), marks: markTimes(log, len(sc.Fetches)), chrome: ev, err: err,
					elapsed: time.Since(start)}
				mu.Lock()
				out = append(out, run)
				done++
				if progress != nil {
					progress(done, total)
				}
				if err != nil && cc == c {
					select {
					case <-c.conn.closed:
						// The browser died: start a fresh one for the remaining scenarios.
						c.close()
						if c, err = startChromium(h.resolverRules(), spki); err != nil {
							fatal = err
						}
					default:
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	sort.Slice(out, func(i, j int) bool { return out[i].sc.key < out[j].sc.key })
	return out, version, fatal
}
