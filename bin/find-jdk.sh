# Sourced (POSIX sh) by ./backlog and ./run-tests: finds a JDK 21 or newer. See docs/launcher.md.
#
# backlog_find_jdk [javac]
#   Looks, in this order, at $JAVA_HOME/bin/java, `java` on PATH, and the newest /usr/lib/jvm/*/bin/java
#   (macOS: /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java). The first candidate of version >= 21
#   wins; with the argument `javac`, only one that has javac beside it (a JDK, not a JRE).
#   On success sets BACKLOG_JDK_JAVA (absolute path of the java binary, symlinks resolved), BACKLOG_JDK_HOME
#   (its JDK directory), BACKLOG_JDK_MAJOR (e.g. 25) and BACKLOG_JDK_VERSION (e.g. 25.0.3), and returns 0.
#   Otherwise prints what to install on stderr and returns 1.
# backlog_try_java JAVA [javac]
#   The same for one given binary (used for $BACKLOG_JAVA); returns 1 silently if it does not qualify.
# Nothing here prints on stdout.

BACKLOG_JDK_MIN=21

# backlog_resolve PATH: sets _jdk_resolved to PATH with symlinks resolved (a fork per link only).
backlog_resolve() {
    _jdk_resolved=$1
    while [ -h "$_jdk_resolved" ]; do
        _l=$(readlink "$_jdk_resolved") || return 1
        case $_l in
            /*) _jdk_resolved=$_l ;;
            *) _jdk_resolved=${_jdk_resolved%/*}/$_l ;;
        esac
    done
}

# backlog_java_major JAVA: sets _jdk_major (empty if unknown) and _jdk_version (e.g. 25.0.3). Reads the JDK's
# `release` file when there is one (no fork), else asks `java -version`.
backlog_java_major() {
    _jdk_major='' _jdk_version='' _v=''
    _rel=${1%/bin/java}/release
    if [ "$_rel" != "$1/release" ] && [ -f "$_rel" ]; then
        while IFS= read -r _line || [ -n "$_line" ]; do
            case $_line in
                JAVA_VERSION=*) _v=${_line#JAVA_VERSION=}; break ;;
            esac
        done <"$_rel"
    fi
    if [ -z "$_v" ]; then
        _v=$("$1" -version 2>&1 </dev/null) || return 1
        case $_v in
            *version\ \"*) _v=${_v#*version \"} ;;
            *) return 1 ;;
        esac
    fi
    _v=${_v#\"}
    _v=${_v%%\"*}
    _jdk_version=$_v
    case $_v in
        1.*) _v=${_v#1.} ;;
    esac
    _v=${_v%%[!0-9]*}
    case $_v in
        '' | *[!0-9]*) return 1 ;;
    esac
    _jdk_major=$_v
}

# backlog_try_java JAVA [javac]: accepts JAVA if it runs as >= 21 (and has javac beside it when asked).
backlog_try_java() {
    [ -n "$1" ] && [ -x "$1" ] && [ ! -d "$1" ] || return 1
    backlog_resolve "$1" || return 1
    _j=$_jdk_resolved
    case $_j in
        /*) ;;
        */*) _j=$(cd "${_j%/*}" 2>/dev/null && pwd -P)/${_j##*/} || return 1 ;;
        *) return 1 ;;
    esac
    backlog_java_major "$_j" || return 1
    [ "$_jdk_major" -ge "$BACKLOG_JDK_MIN" ] || return 1
    _home=${_j%/bin/java}
    if [ "${2-}" = javac ] && [ ! -x "$_home/bin/javac" ]; then
        return 1
    fi
    BACKLOG_JDK_JAVA=$_j
    BACKLOG_JDK_HOME=$_home
    BACKLOG_JDK_MAJOR=$_jdk_major
    BACKLOG_JDK_VERSION=$_jdk_version
}

backlog_find_jdk() {
    BACKLOG_JDK_JAVA='' BACKLOG_JDK_HOME='' BACKLOG_JDK_MAJOR='' _pj=''
    if [ -n "${JAVA_HOME-}" ] && backlog_try_java "$JAVA_HOME/bin/java" "${1-}"; then
        return 0
    fi
    _pj=$(command -v java 2>/dev/null) && backlog_try_java "$_pj" "${1-}" && return 0
    _best='' _bestmajor=0
    for _c in /usr/lib/jvm/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
        [ -x "$_c" ] || continue
        if backlog_try_java "$_c" "${1-}" && [ "$BACKLOG_JDK_MAJOR" -gt "$_bestmajor" ]; then
            _best=$BACKLOG_JDK_JAVA _besthome=$BACKLOG_JDK_HOME _bestmajor=$BACKLOG_JDK_MAJOR
            _bestversion=$BACKLOG_JDK_VERSION
        fi
    done
    if [ -n "$_best" ]; then
        BACKLOG_JDK_JAVA=$_best BACKLOG_JDK_HOME=$_besthome BACKLOG_JDK_MAJOR=$_bestmajor
        BACKLOG_JDK_VERSION=$_bestversion
        return 0
    fi
    BACKLOG_JDK_JAVA='' BACKLOG_JDK_HOME='' BACKLOG_JDK_MAJOR=''
    {
        echo "backlog needs Java ${BACKLOG_JDK_MIN} or newer${1:+ (a JDK, with javac)}, and none was found."
        echo "  Looked at: JAVA_HOME=${JAVA_HOME:-<unset>}, java on PATH${_pj:+ ($_pj)}, /usr/lib/jvm/*."
        echo "  Install Temurin ${BACKLOG_JDK_MIN}+ (https://adoptium.net) or openjdk-${BACKLOG_JDK_MIN}-jdk"
        echo "  (e.g. apt-get install openjdk-${BACKLOG_JDK_MIN}-jdk), or set JAVA_HOME to a JDK ${BACKLOG_JDK_MIN}+."
    } >&2
    return 1
}

# backlog_maven_opts MAJOR: sets BACKLOG_MAVEN_OPTS to $MAVEN_OPTS plus, for a Maven running on JDK 23+, the
# flag that quiets the sun.misc.Unsafe warning of Maven's own Guava (JEP 471).
backlog_maven_opts() {
    BACKLOG_MAVEN_OPTS=${MAVEN_OPTS-}
    if [ "$1" -ge 23 ]; then
        BACKLOG_MAVEN_OPTS="${BACKLOG_MAVEN_OPTS:+$BACKLOG_MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
    fi
}
