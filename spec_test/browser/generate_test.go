package browser

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func ExampleGenerateCorpus() {
	var b bytes.Buffer
	if err := GenerateCorpus(&b, 6, 3); err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		fmt.Println(line[:strings.Index(line, `","`)+1])
	}
	// Output:
	// {"id":"gen-6-0000-modes"
	// {"id":"gen-6-0001-preflight"
	// {"id":"gen-6-0002-preflight"
}

func TestGenerateCorpusIsDeterministic(t *testing.T) {
	var a, b, c bytes.Buffer
	if err := GenerateCorpus(&a, 6, 200); err != nil {
		t.Fatal(err)
	}
	GenerateCorpus(&b, 6, 200)
	GenerateCorpus(&c, 7, 200)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same seed gave different corpora")
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("different seeds gave the same corpus")
	}
}

func TestGenerateCorpusShape(t *testing.T) {
	var b bytes.Buffer
	if err := GenerateCorpus(&b, 6, 1000); err != nil {
		t.Fatal(err)
	}
	scs, err := readScenarios(&b, "generated")
	if err != nil {
		t.Fatal(err)
	}
	if len(scs) != 1000 {
		t.Fatalf("%d scenarios", len(scs))
	}
	families := map[string]int{}
	owner := map[string]string{}
	waits := 0
	for _, sc := range scs {
		families[sc.ID[strings.LastIndex(sc.ID, "-")+1:]]++
		if why := sc.environmentProblem(); why != "" {
			t.Errorf("%s cannot run: %s", sc.ID, why)
		}
		for _, e := range sc.endpoints() {
			if e.Port < 1024 {
				t.Errorf("%s uses the privileged port %d", sc.ID, e.Port)
			}
		}
		for _, k := range isolationKeys(sc) {
			if o, ok := owner[k]; ok && o != sc.ID {
				t.Errorf("%s and %s share %s", o, sc.ID, k)
			}
			owner[k] = sc.ID
		}
		for _, f := range sc.Fetches {
			waits += f.WaitMS
		}
	}
	for _, f := range []string{"simple", "preflight", "redirect", "cache", "modes", "opaque"} {
		if families[f] < 30 {
			t.Errorf("family %s has only %d scenarios", f, families[f])
		}
	}
	if waits > 300_000 {
		t.Errorf("the corpus waits %d ms in total", waits)
	}
	if len(batches(scs)) > 10 {
		t.Errorf("generated scenarios need %d browser batches", len(batches(scs)))
	}
}

func TestGenerateCorpusWriteError(t *testing.T) {
	if err := GenerateCorpus(failingWriter{}, 1, 1); err == nil || !strings.HasPrefix(err.Error(), "corsim: ") {
		t.Errorf("error %v", err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("disk full") }

func TestGenerateSecureCorpus(t *testing.T) {
	var a, b, plain bytes.Buffer
	if err := GenerateSecureCorpus(&a, 6, 300); err != nil {
		t.Fatal(err)
	}
	GenerateSecureCorpus(&b, 6, 300)
	if a.String() != b.String() {
		t.Error("the secure corpus is not deterministic")
	}
	GenerateCorpus(&plain, 6, 300)
	scs, err := readScenarios(&a, "secure")
	if err != nil {
		t.Fatal(err)
	}
	others, err := readScenarios(&plain, "generated")
	if err != nil {
		t.Fatal(err)
	}
	owner := map[string]string{}
	for _, sc := range others {
		for _, k := range isolationKeys(sc) {
			owner[k] = sc.ID
		}
	}
	mixed := 0
	for _, sc := range scs {
		if !strings.HasPrefix(sc.ID, "gen-6s-") {
			t.Errorf("id %s", sc.ID)
		}
		if sc.PageOrigin != "null" && !strings.HasPrefix(sc.PageOrigin, "https://") {
			t.Errorf("%s: page %s is not https", sc.ID, sc.PageOrigin)
		}
		if sc.NullParent != "" && !strings.HasPrefix(sc.NullParent, "https://") {
			t.Errorf("%s: parent %s is not https", sc.ID, sc.NullParent)
		}
		if why := sc.environmentProblem(); why != "" {
			t.Errorf("%s cannot run: %s", sc.ID, why)
		}
		for u := range sc.Servers {
			if strings.HasPrefix(u, "http://") {
				mixed++
				break
			}
		}
		for _, k := range isolationKeys(sc) {
			if o, ok := owner[k]; ok && o != sc.ID {
				t.Errorf("%s and %s share %s", o, sc.ID, k)
			}
			owner[k] = sc.ID
		}
	}
	if mixed < 20 || mixed > 120 {
		t.Errorf("%d of %d secure scenarios name an http server", mixed, len(scs))
	}
}
