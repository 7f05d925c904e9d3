//go:build !linux

package main

import "os/exec"

// setParentDeathSignal is Linux-only; elsewhere the wrapper relies on its own shutdown path.
func setParentDeathSignal(*exec.Cmd) {}
