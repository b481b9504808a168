# Shared by scripts/test and scripts/bench (sourced): Debian packages the project needs besides
# Python ones. Each is installed only when missing, without recommends.
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
APT_UPDATED=""
_apt_install() {  # _apt_install PACKAGE
    [ -n "$APT_UPDATED" ] || { $SUDO apt-get update -qq; APT_UPDATED=1; }
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$1" >/dev/null
}
need_chromium() {
    if [ ! -x /usr/bin/chromium ]; then
        echo "==> installing Debian's chromium for the browser tests" >&2
        _apt_install chromium
    fi
}
need_virtuoso() {
    if [ ! -x /usr/bin/virtuoso-t ] || [ ! -x /usr/bin/isql-vt ]; then
        echo "==> installing Debian's virtuoso-opensource for the benchmark" >&2
        _apt_install virtuoso-opensource
        # The package's init script may have started a system instance (ports 1111/8890) where
        # policy-rc.d allows it; the benchmark runs its own instances, so stop that one.
        if [ -x /etc/init.d/virtuoso-opensource-7 ] && $SUDO /etc/init.d/virtuoso-opensource-7 status >/dev/null 2>&1; then
            $SUDO /etc/init.d/virtuoso-opensource-7 stop >/dev/null || true
        fi
    fi
}
need_nginx() {
    if [ ! -x /usr/sbin/nginx ]; then
        echo "==> installing Debian's nginx-light for the replica tests" >&2
        _apt_install nginx-light
        # the package may start a system nginx on port 80 where policy-rc.d allows it; the tests run their own
        if [ -x /etc/init.d/nginx ] && $SUDO /etc/init.d/nginx status >/dev/null 2>&1; then
            $SUDO /etc/init.d/nginx stop >/dev/null || true
        fi
    fi
}
need_jemalloc() {  # the store processes' allocator (diplokg.engine.allocator); serving works without it
    if ! /sbin/ldconfig -p 2>/dev/null | grep -q 'libjemalloc\.so'; then
        echo "==> installing Debian's libjemalloc2 (queries evaluate faster with it)" >&2
        _apt_install libjemalloc2
    fi
}
