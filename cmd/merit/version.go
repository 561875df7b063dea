package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = "dev"

func init() {
	register("version", "print the version of this binary", func(ctx context.Context, env *Env, args []string) error {
		fs := flags(env, "version", "")
		if err := fs.Parse(args); err != nil {
			return err
		}
		rev := ""
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 12 {
					rev = " (" + s.Value[:12] + ")"
				}
			}
			fmt.Fprintf(env.Stdout, "merit %s%s %s\n", version, rev, bi.GoVersion)
			return nil
		}
		fmt.Fprintf(env.Stdout, "merit %s\n", version)
		return nil
	})
}
