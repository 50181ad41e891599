package main

import (
	"os"
	"strings"
)

// corsim origin compares two origins the way the HTML Standard does.
func Example_origin() {
	run([]string{"origin", "http://www.shop.test:80/cart", "https://api.shop.test"}, env{stdin: strings.NewReader(""), stdout: os.Stdout, stderr: os.Stdout})
	// Output:
	// http://www.shop.test:80/cart → http://www.shop.test  (site shop.test)
	// https://api.shop.test → https://api.shop.test  (site shop.test)
	// same origin:            no
	// same site:              no
	// schemelessly same site: yes
}
