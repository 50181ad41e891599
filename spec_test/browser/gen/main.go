// Command gen writes the browser harness's generated scenarios, in corsim's
// scenario format, to standard output:
//
//	go run ./spec_test/browser/gen -seed 6 -n 1000 > generated.jsonl
//	go run ./spec_test/browser/gen -seed 6 -n 200 -https > generated-https.jsonl
//
// The same seed and count always produce the same file.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/corsim/corsim/spec_test/browser"
)

func main() {
	seed := flag.Uint64("seed", 6, "generator seed")
	n := flag.Int("n", 1000, "number of scenarios")
	secure := flag.Bool("https", false, "the secure corpus: pages on https, some servers on http")
	flag.Parse()
	if flag.NArg() != 0 || *n < 0 {
		flag.Usage()
		os.Exit(2)
	}
	w := bufio.NewWriter(os.Stdout)
	generate := browser.GenerateCorpus
	if *secure {
		generate = browser.GenerateSecureCorpus
	}
	if err := generate(w, *seed, *n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
