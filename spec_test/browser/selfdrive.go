package browser

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"time"

	"github.com/corsim/corsim/origin"
)

// maxBatch bounds how many scenarios one browser process runs before a fresh one
// starts.
const maxBatch = 150

// batches packs scenarios into groups that share no URL and no origin, so that a
// browser without per-scenario contexts never meets a URL (or a cookie, a cached
// preflight or a cached response) twice; each group gets a fresh browser. Packing
// is first-fit, so scenarios that reuse a URL cost one browser start each only
// when they must; order within a group follows the corpus.
func batches(scs []*scenario) [][]*scenario {
	var out [][]*scenario
	var seen []map[string]bool
	for _, sc := range scs {
		keys := isolationKeys(sc)
		placed := false
		for b := range out {
			if len(out[b]) >= maxBatch {
				continue
			}
			clash := false
			for _, k := range keys {
				if seen[b][k] {
					clash = true
					break
				}
			}
			if clash {
				continue
			}
			out[b] = append(out[b], sc)
			for _, k := range keys {
				seen[b][k] = true
			}
			placed = true
			break
		}
		if !placed {
			m := map[string]bool{}
			for _, k := range keys {
				m[k] = true
			}
			out = append(out, []*scenario{sc})
			seen = append(seen, m)
		}
	}
	return out
}

// isolationKeys are the URLs (without query) and origins a scenario touches.
func isolationKeys(sc *scenario) []string {
	var keys []string
	for _, u := range sc.urls() {
		keys = append(keys, u.Origin().String()+u.PathQuery())
		keys = append(keys, "origin "+u.Origin().String())
	}
	return keys
}

// process is a browser (and its helpers) started for one batch.
type process interface {
	stop()
}

// launcher starts a browser that opens startURL; hosts are the names it must
// resolve to loopback.
type launcher func(startURL string, hosts []string) (process, error)

// runSelfDriving runs scenarios in a browser that drives itself: the runner page
// posts its results and asks /__corsim/next for the next scenario.
func (h *harness) runSelfDriving(scs []*scenario, launch launcher) ([]scenarioRun, error) {
	var pending []*scenario
	for _, sc := range scs {
		if ok, _ := h.runnable(sc); ok {
			pending = append(pending, sc)
		}
	}
	defer h.hub.stopQueue()
	var out []scenarioRun
	for _, batch := range batches(pending) {
		for len(batch) > 0 {
			runs, err := h.runBatch(batch, launch)
			out = append(out, runs...)
			if err != nil {
				return out, err
			}
			batch = batch[len(runs):]
		}
	}
	return out, nil
}

// runBatch starts one browser for batch and collects runs until the batch is done
// or a scenario fails to report (then the browser is stopped and the caller starts
// a new one for the rest).
func (h *harness) runBatch(batch []*scenario, launch launcher) ([]scenarioRun, error) {
	hosts := map[string]bool{runnerHost: true}
	for _, sc := range batch {
		for _, n := range sc.hostnames() {
			hosts[n] = true
		}
	}
	started := h.hub.setQueue(batch)
	start := "http://" + runnerHost + ":" + strconv.Itoa(h.ctlPort) + controlPrefix + "next?after="
	p, err := launch(start, sortedKeys(hosts))
	if err != nil {
		return nil, err
	}
	defer p.stop()
	var out []scenarioRun
	for i, sc := range batch {
		wait := h.nextPageWait
		if i == 0 {
			wait = h.firstPageWait // the browser is starting
		}
		var run *activeRun
		select {
		case run = <-started:
		case <-time.After(wait):
			out = append(out, scenarioRun{sc: sc, err: fmt.Errorf("corsim: browser: the page for %s was not requested within %v", sc.ID, wait)})
			return out, nil
		}
		if run.sc != sc {
			return out, fmt.Errorf("corsim: browser: expected scenario %s, the browser asked for %s", sc.ID, run.sc.ID)
		}
		t0 := time.Now()
		select {
		case b := <-run.result:
			rep, err := parseRunnerReport(b)
			log := h.hub.end(run)
			out = append(out, scenarioRun{sc: sc, report: rep, log: fetchLog(log, len(sc.Fetches)),
				marks: markTimes(log, len(sc.Fetches)), err: err, elapsed: time.Since(t0)})
		case <-time.After(h.timeout(sc)):
			h.hub.end(run)
			out = append(out, scenarioRun{sc: sc, err: fmt.Errorf("corsim: browser: no result for %s within %v", sc.ID, h.timeout(sc))})
			return out, nil
		}
	}
	return out, nil
}

// cmdProcess is a started command in its own process group.
type cmdProcess struct {
	cmds   []*exec.Cmd
	dirs   []string
	before []func() // run before the processes are ended
	undo   []func() // run after
}

// startCmd starts cmd in a new process group, so that stop can end it and every
// child it started (by that group's id, nothing else).
func (p *cmdProcess) startCmd(cmd *exec.Cmd) error {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return err
	}
	p.cmds = append(p.cmds, cmd)
	return nil
}

func (p *cmdProcess) stop() {
	for _, f := range p.before {
		f()
	}
	for i := len(p.cmds) - 1; i >= 0; i-- {
		c := p.cmds[i]
		syscall.Kill(-c.Process.Pid, syscall.SIGTERM)
		done := make(chan struct{})
		go func() { c.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			syscall.Kill(-c.Process.Pid, syscall.SIGKILL)
			<-done
		}
	}
	for i := len(p.undo) - 1; i >= 0; i-- {
		p.undo[i]()
	}
	for _, d := range p.dirs {
		os.RemoveAll(d)
	}
}

// originOf is the origin of a URL string, or "".
func originOf(raw string) string {
	u, err := origin.ParseURL(raw)
	if err != nil {
		return ""
	}
	return u.Origin().String()
}
