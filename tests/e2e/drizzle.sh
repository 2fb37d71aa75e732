#!/usr/bin/env bash
# Placeholder until these tests land.
echo "1..1"
echo "ok 1 - placeholder"
