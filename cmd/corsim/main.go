// Command corsim prints the origin of a URL and, for two URLs, whether they are same origin and same
// site. (More subcommands follow with the engine.)
package main

import (
	"fmt"
	"os"

	"github.com/corsim/corsim/origin"
)

func main() {
	args := os.Args[1:]
	if len(args) < 2 || len(args) > 3 || args[0] != "origin" {
		fmt.Fprintln(os.Stderr, "usage: corsim origin URL [URL]")
		os.Exit(2)
	}
	var os2 []origin.Origin
	for _, raw := range args[1:] {
		o, err := origin.Parse(raw)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("%s\t%s\n", raw, o)
		os2 = append(os2, o)
	}
	if len(os2) == 2 {
		fmt.Printf("same origin: %v\nsame site: %v\nschemelessly same site: %v\n",
			origin.SameOrigin(os2[0], os2[1]), origin.SameSite(os2[0], os2[1]), origin.SchemelesslySameSite(os2[0], os2[1]))
	}
}
