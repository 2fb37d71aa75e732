#!/usr/bin/env bash
# No password is ever printed: a sweep of malformed and valid sources, each
# holding a known password, given to every command (text, --json, -v) as
# --url, DATABASE_URL, a plumb.json environment (through ${VAR}), --dev-url
# and a diff argument. Fails when the password, or either half of it, is in
# any output, in any file plumb wrote, or in any row of the server's
# databases (tracking tables). Runs under tests/lib/pgtmp.sh: a role with a
# password (scram-sha-256 for that role only, in pg_hba.conf) covers the
# valid URL, the wrong password and PGPASSWORD. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

# Two halves that must never show, alone or together; one URL-encoded form.
A=Zq7pwQ
B=Wx3kqJ
PW="$A$B"
PW_ENC="$A%40$B" # the password "Zq7pwQ@Wx3kqJ" in a URI
WRONG=Yk8wrongQ

leaked() { # FILE...: true when a secret fragment is in any of them
	grep -aqE -- "$A|$B|Yk8wr" "$@" 2>/dev/null
}

# --- the project every source is tried on -------------------------------
mkdir tpl && cd tpl || exit 1
"$PLUMB" init >/dev/null 2>&1
printf 'CREATE TABLE t (id integer PRIMARY KEY);\n' >schema.sql
cd "$WORK" || exit 1

sources=(
	# schemes plumb does not know: shown without the password
	"postgress://u:$PW@h/db"
	"postgres:/u:$PW@h/db"
	"postgres:u:$PW@h/db"
	"mysql://u:$PW@h/db"
	"jdbc:postgresql://u:$PW@h/db"
	"u:$PW@h/db"
	"postgress://u:$PW_ENC@h/db"
	"mysql://h/db?password=$PW"
	"mysql://h/db?user=u&sslpassword=$PW&x=1"
	# postgres URIs libpq reads but cannot use
	"postgres://u:$PW@h:99999/db"
	"postgresql://u:$PW@/db?host=/nonexistent&sslmode=bogus"
	"postgresql://u:$PW@/db?host=/nonexistent&bogus=1"
	"postgresql://u:$PW_ENC@/db?host=/nonexistent"
	"postgresql:///db?host=/nonexistent&password=$PW"
	"postgresql://u:$PW@[::1/db"
	"postgresql://u:$PW@/db?host=/nonexistent&password=$PW"
	# conninfo strings libpq cannot read
	"host=h user=u password=$PW bogus=1"
	"host=h password=$PW extra"
	"host=h password='$A $B' extra"
	"host=h password=$A $B"
	"password = $PW host=h port=notaport"
	"sslpassword=$PW bogus"
	"host=h user=u password=$PW sslmode=bogus"
	"host=/nonexistent user=u password=$PW dbname=x"
	# the throwaway server: right password, wrong password, no such database
	"postgresql://pwuser:$PW@/pwdb?host=$PGHOST&port=$PGPORT"
	"postgresql:///pwdb?host=$PGHOST&port=$PGPORT&user=pwuser&password=$PW"
	"host=$PGHOST port=$PGPORT user=pwuser password=$PW dbname=pwdb"
	"host=$PGHOST port=$PGPORT user=pwuser2 password='$A $B' dbname=pwdb"
	"postgresql://pwuser:$WRONG@/pwdb?host=$PGHOST&port=$PGPORT"
	"host=$PGHOST port=$PGPORT user=pwuser password=$WRONG dbname=pwdb"
	"postgresql://pwuser:$PW@/nodb?host=$PGHOST&port=$PGPORT"
	"postgresql://pwuser:$PW@/pwdb?host=$PGHOST&port=$PGPORT&sslmode=bogus"
)

if [ -z "${PLUMB_PG_URL:-}" ]; then
	echo "1..0 # SKIP PLUMB_PG_URL not set (run under tests/lib/pgtmp.sh)"
	exit 0
fi
# pwuser logs in with a password; everyone else as before (trust).
HBA=$(psql -X -At -c 'SHOW hba_file')
{ echo "local all pwuser scram-sha-256"; cat "$HBA"; } >"$WORK/hba" && cat "$WORK/hba" >"$HBA"
psql -X -q -v ON_ERROR_STOP=1 \
	-c "CREATE ROLE pwuser LOGIN SUPERUSER PASSWORD '$A $B'" \
	-c "SELECT pg_reload_conf()" >/dev/null || { echo "Bail out! could not set up pwuser"; exit 1; }
psql -X -q -c "ALTER ROLE pwuser PASSWORD '$PW'" >/dev/null
createdb -O pwuser pwdb || { echo "Bail out! createdb"; exit 1; }
# the second password form ('Zq7pwQ Wx3kqJ') is a second role
psql -X -q -c "CREATE ROLE pwuser2 LOGIN SUPERUSER PASSWORD '$A $B'" >/dev/null

ok "the server refuses pwuser a wrong password" \
	bash -c "! PGPASSWORD=$WRONG psql -X -At -h '$PGHOST' -U pwuser -d pwdb -c 'SELECT 1' >/dev/null 2>&1"
ok "the server takes pwuser's password" \
	bash -c "PGPASSWORD=$PW psql -X -At -h '$PGHOST' -U pwuser -d pwdb -c 'SELECT 1' >/dev/null 2>&1"

# A migration, generated with the server as the dev database.
cd tpl && "$PLUMB" generate --dialect pg --dev-url "$PLUMB_PG_URL" create_t >/dev/null 2>"$ERR"
cd "$WORK" || exit 1
ok "the template has a migration" count_is "$(n_migrations tpl/migrations)" 1
version=$(basename "$(ls tpl/migrations/*.sql)" | sed 's/_.*//')

# run SOURCE: every command in every output mode, SOURCE given every way.
# Sets bad to how many runs leaked.
commands=(status migrate "push --dry-run" push "pull -o -" check generate "baseline $version"
	repair sum "diff SRC schema.sql" "diff schema.sql SRC")
n_runs=0
run_source() {
	local src=$1 dir mode cmd how
	bad=0
	for how in url env config dev; do
		dir="$WORK/p$n_runs"
		rm -rf "$dir" && cp -r "$WORK/tpl" "$dir" && cd "$dir" || return 1
		case $how in config)
			printf '{"environments": {"default": {"url": "${SWEEP_URL}"}}}\n' >plumb.json ;;
		esac
		local list=("${commands[@]}")
		local modes=("" --json -v)
		if [ $how != url ]; then # the same code paths as --url: fewer runs
			list=("status -v" "migrate --json" check)
			modes=("")
		fi
		for cmd in "${list[@]}"; do
			for mode in "${modes[@]}"; do
				local args=() w
				for w in $cmd; do
					if [ "$w" = SRC ]; then args+=("$src"); else args+=("$w"); fi
				done
				case $how in
				url) args+=(--url "$src") ;;
				dev) args+=(--dialect pg --dev-url "$src") ;;
				esac
				[ -n "$mode" ] && args+=("$mode")
				n_runs=$((n_runs + 1))
				if [ $how = env ]; then
					DATABASE_URL=$src PGPASSWORD=$PW "$PLUMB" "${args[@]}" >"$OUT" 2>"$ERR"
				else
					SWEEP_URL=$src "$PLUMB" "${args[@]}" >"$OUT" 2>"$ERR"
				fi
				if leaked "$OUT" "$ERR"; then
					bad=$((bad + 1))
					echo "#   leak: [$how] plumb ${args[*]}"
					grep -ahE -- "$A|$B|Yk8wr" "$OUT" "$ERR" | head -3 | sed 's/^/#     /'
				fi
			done
		done
		# files plumb wrote (their names too), but not plumb.json, which holds ${SWEEP_URL}
		if find . -type f ! -name plumb.json -print0 | xargs -0 grep -alE -- "$A|$B|Yk8wr" |
			grep -q . || find . | grep -qE -- "$A|$B|Yk8wr"; then
			bad=$((bad + 1))
			echo "#   leak: [$how] a file in the project"
		fi
		cd "$WORK" || return 1
		rm -rf "$dir"
	done
}

for src in "${sources[@]}"; do
	run_source "$src"
	shown=$(printf '%s' "$src" | sed "s/$A/<A>/g; s/$B/<B>/g; s/$WRONG/<WRONG>/g; s|$PGHOST|<pgtmp>|g")
	ok "no secret shown: $shown" [ "$bad" -eq 0 ]
done

# PGPASSWORD alone, with URLs that name no password
for src in "postgresql://pwuser@/pwdb?host=$PGHOST&port=$PGPORT" \
	"postgresql://pwuser@/pwdb?host=/nonexistent" "host=h user=u bogus=1"; do
	bad=0
	for cmd in status migrate check; do
		for mode in "" --json -v; do
			PGPASSWORD=$PW "$PLUMB" $cmd --url "$src" $mode >"$OUT" 2>"$ERR"
			leaked "$OUT" "$ERR" && bad=$((bad + 1))
			PGPASSWORD=$WRONG "$PLUMB" $cmd --url "$src" $mode >"$OUT" 2>"$ERR"
			leaked "$OUT" "$ERR" && bad=$((bad + 1))
		done
	done
	ok "no PGPASSWORD shown: $(printf '%s' "$src" | sed "s|$PGHOST|<pgtmp>|g")" [ $bad -eq 0 ]
done

# The valid sources did reach the server: pwdb has plumb's tracking rows.
ok "the valid URLs applied the migration" \
	[ "$(psql -X -At -d pwdb -c "SELECT count(*) FROM plumb_migrations" 2>/dev/null)" -ge 1 ]
# No row of any database holds a secret (tracking rows: applied_by, error).
for db in pwdb postgres; do
	pg_dump --data-only -d "$db" >"$WORK/dump.sql" 2>/dev/null
	ok "no secret in the rows of $db" bash -c "! grep -aqE -- '$A|$B|Yk8wr' '$WORK/dump.sql'"
done
echo "# $n_runs runs"
tap_done
