package browser

import (
	"strings"
	"testing"
)

func TestBatchesNeverRepeatAURL(t *testing.T) {
	a := mustScenario(t, `{"id":"a","page_origin":"https://www.shop.test","fetches":[{"url":"https://api.shop.test/x"}]}`)
	b := mustScenario(t, `{"id":"b","page_origin":"https://www.shop.test","fetches":[{"url":"https://api.shop.test/y"}]}`)
	c := mustScenario(t, `{"id":"c","page_origin":"http://p.test","fetches":[{"url":"http://q.test/x"}]}`)
	d := mustScenario(t, `{"id":"d","page_origin":"null","fetches":[{"url":"http://r.test/x"}]}`)
	e := mustScenario(t, `{"id":"e","page_origin":"null","fetches":[{"url":"http://s.test/x"}]}`)
	got := batches([]*scenario{a, b, c, d, e})
	var ids []string
	for _, bt := range got {
		var s []string
		for _, sc := range bt {
			s = append(s, sc.ID)
		}
		ids = append(ids, strings.Join(s, ""))
	}
	if strings.Join(ids, "|") != "acde|b" {
		t.Errorf("batches %v", ids)
	}
	if len(batches(nil)) != 0 {
		t.Error("batches of nothing")
	}
}

func TestBatchesAreBounded(t *testing.T) {
	var scs []*scenario
	for i := 0; i < maxBatch*2+1; i++ {
		scs = append(scs, &scenario{PageOrigin: "http://p" + itoa(i) + ".test"})
	}
	got := batches(scs)
	if len(got) != 3 || len(got[0]) != maxBatch {
		t.Errorf("%d batches, first of %d", len(got), len(got[0]))
	}
}

func TestHostsBlock(t *testing.T) {
	tests := []struct {
		name, in string
		hosts    []string
	}{
		{name: "plain file", in: "127.0.0.1 localhost\n", hosts: []string{"a.test", "b.test"}},
		{name: "no trailing newline", in: "127.0.0.1 localhost", hosts: []string{"a.test"}},
		{name: "empty file", in: "", hosts: []string{"a.test"}},
		{name: "stale block replaced", in: "127.0.0.1 localhost\n" + hostsBegin + "\n127.0.0.1 old.test\n" + hostsEnd + "\n::1 x\n", hosts: []string{"a.test"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			with := withHostsBlock(tt.in, tt.hosts)
			for _, h := range tt.hosts {
				if !strings.Contains(with, "127.0.0.1 "+h+"\n") {
					t.Errorf("%s missing in %q", h, with)
				}
			}
			if strings.Contains(with, "old.test") || strings.Count(with, hostsBegin) != 1 {
				t.Errorf("stale entries kept: %q", with)
			}
			back := withoutHostsBlock(with)
			if strings.Contains(back, "corsim") || !strings.Contains(back, strings.TrimSpace(strings.SplitN(tt.in, "\n", 2)[0])) {
				t.Errorf("after removal %q", back)
			}
		})
	}
}
