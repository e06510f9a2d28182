#!/bin/sh
# Screenshots of the reader in real terminal emulators under Xvfb, in the documented set-up of
# each (docs/terminals.md), for the README and for checking by eye what a terminal does with
# our Persian text.
#
#   scripts/terminal-shots.sh OUTDIR [TERMINAL...]
#
# TERMINAL: xterm (TERM=xterm: 16 colours), xterm256 (TERM=xterm-256color), sakura (VTE,
# local: VTE_VERSION set), sakura-ssh (VTE with VTE_VERSION unset, as over ssh), konsole (bidi
# rendering off in its profile), mlterm (--ctl=false). Default: all that are installed. For
# each it saves OUTDIR/TERMINAL-SCENE.png for the scenes headlines, headlines-en (the English
# interface), article, comments and form (the comment form, a Persian comment typed into it).
#
# Needs: xvfb, imagemagick, xdotool, fonts-dejavu-core, and the terminals. The reader runs
# against the bundled demo site (loopback) with a fresh data directory, in app mode.
# MADARA=/path/to/madara-tui chooses the program (default: the one on PATH, else .venv's).
# BIDI=terminal shows the other set-up instead: the reader in terminal mode (logical text, each
# field isolated) with the terminal's own bidi on; the files are then named TERMINAL-bidi-SCENE.
# WAIT=seconds to let the reader start and refresh before the first shot (default 15).
set -eu

out=${1:?usage: $0 OUTDIR [TERMINAL...]}
shift
[ $# -gt 0 ] || set -- xterm xterm256 sakura sakura-ssh konsole mlterm
mkdir -p "$out"
madara=${MADARA:-$(command -v madara-tui || realpath "$(dirname "$0")/../.venv/bin/madara-tui")}
cols=110
rows=32
font="DejaVu Sans Mono"
size=11
work=$(mktemp -d)
xvfb_pid=""
term_pid=""

cleanup() {
    [ -n "$term_pid" ] && kill "$term_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# One X server for all shots; -displayfd picks a free display number.
Xvfb -displayfd 3 -screen 0 1400x820x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
xvfb_pid=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$work/display" ] && break; sleep 0.5; done
DISPLAY=:$(cat "$work/display")
export DISPLAY

bidi=${BIDI:-app}
case $bidi in
    app) own_bidi=false; tag="" ;;
    terminal) own_bidi=true; tag="-bidi" ;;
    *) echo "BIDI must be app or terminal" >&2; exit 2 ;;
esac

# The Konsole profile of the documented set-up: its own bidi rendering off (on for BIDI=terminal).
mkdir -p "$work/home/.local/share/konsole" "$work/home/.config"
cat >"$work/home/.local/share/konsole/madara.profile" <<EOF
[Appearance]
Font=$font,$size,-1,5,50,0,0,0,0,0

[Terminal Features]
BidiRenderingEnabled=$own_bidi

[General]
Name=madara
Parent=FALLBACK/
TerminalColumns=$cols
TerminalRows=$rows
EOF

# mlterm takes its font from ~/.mlterm/aafont.
mkdir -p "$work/home/.mlterm"
printf 'DEFAULT=%s\nISO10646_UCS4_1=%s\n' "$font" "$font" >"$work/home/.mlterm/aafont"

shot() {  # shot NAME: the terminal window (the whole screen when it can't be found)
    window=$(xdotool search --pid "$term_pid" 2>/dev/null | tail -n 1 || true)
    if [ -n "$window" ]; then
        import -window "$window" "$work/raw.png"
    else
        import -window root "$work/raw.png"
    fi
    # Small enough for a README: 64 colours are plenty for text on a flat background.
    convert "$work/raw.png" -strip -trim +repage -colors 64 "PNG8:$out/$1.png"
}

keys() {  # keys DELAY KEY...: press keys, then let the reader draw
    delay=$1
    shift
    xdotool key --delay 150 "$@"
    sleep "$delay"
}

run_terminal() {  # run_terminal NAME: start it running the reader; sets term_pid
    data=$(mktemp -d "$work/data.XXXX")
    reader="$madara --data-dir $data --bidi $bidi"
    case $1 in
        xterm) xterm -fa "$font" -fs $size -geometry ${cols}x$rows -e $reader & ;;
        xterm256) xterm -tn xterm-256color -fa "$font" -fs $size -geometry ${cols}x$rows \
                        -e $reader & ;;
        sakura) sakura --font "$font $size" -c $cols -r $rows -x "$reader" & ;;
        sakura-ssh) sakura --font "$font $size" -c $cols -r $rows -x "env -u VTE_VERSION $reader" & ;;
        konsole) HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" \
                 XDG_DATA_HOME="$work/home/.local/share" \
                 konsole --profile madara --hide-menubar --hide-tabbar --nofork -e $reader & ;;
        mlterm) HOME="$work/home" mlterm --ctl=$own_bidi -w $((size + 4)) -g ${cols}x$rows \
                       -E UTF-8 -e $reader & ;;
        *) echo "unknown terminal: $1" >&2; return 1 ;;
    esac
    term_pid=$!
}

for terminal in "$@"; do
    program=${terminal%-ssh}
    program=${program%256}
    command -v "$program" >/dev/null 2>&1 || { echo "skip $terminal: not installed" >&2; continue; }
    run_terminal "$terminal"
    sleep "${WAIT:-15}"   # start, demo site, first refresh (longer on a busy machine)
    shot "$terminal$tag-headlines"
    keys 2 F3
    shot "$terminal$tag-headlines-en"
    keys 2 F3
    keys 3 Return
    shot "$terminal$tag-article"
    keys 3 c
    shot "$terminal$tag-comments"
    keys 2 w
    # The cursor starts in the name on a first comment: a name, an address, then the comment.
    xdotool type --delay 150 "خوانندهٔ آزمایشی"
    keys 1 Tab
    xdotool type --delay 100 "reader@example.org"
    keys 1 Tab Tab
    # xdotool cannot type U+200C (it has no keysym), so the picture's comment needs no
    # half-space; typing half-spaces is checked by tests/e2e/test_typing_tmux.py.
    xdotool type --delay 200 "گزارش خوبی بود؛ امیدوارم کار پل زودتر تمام شود."
    sleep 2
    shot "$terminal$tag-form"
    kill "$term_pid" 2>/dev/null || true
    wait "$term_pid" 2>/dev/null || true
    term_pid=""
    echo "$terminal: $out/$terminal-*.png"
done
