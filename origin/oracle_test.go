package origin_test

import (
	"testing"

	"github.com/corsim/corsim/internal/urloracle"
	"github.com/corsim/corsim/origin"
)

// The differential oracle is github.com/nlnwa/whatwg-url, driven by
// internal/urloracle; its package doc lists the documented classes in which
// a disagreement with Parse is excused.

// oracleParse is the origin package as internal/urloracle sees it.
var oracleParse = urloracle.Parser(origin.Parse, origin.ParseURL)

// TestOracle compares Parse with the oracle on the table inputs, the WPT
// inputs and systematic variations of them.
func TestOracle(t *testing.T) {
	inputs := oracleInputs(t)
	classes := map[string]int{}
	for _, in := range inputs {
		diff, class := urloracle.Compare(in, oracleParse)
		if diff != "" {
			t.Errorf("%s: %s", quote(in), diff)
		}
		if class != "" {
			classes[class]++
		}
	}
	t.Logf("oracle: %d inputs compared, excused: %v", len(inputs), classes)
}
