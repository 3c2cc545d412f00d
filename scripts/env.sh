# Sourced by run.sh and .ci/run: picks a JDK 21+ and checks the system packages the server and its tests need.

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

if [[ -z "${JAVA_HOME:-}" || "$(java_major "${JAVA_HOME}/bin/java" 2>/dev/null || echo 0)" -lt 21 ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*-25* /usr/lib/jvm/*-21* ; do
    if [[ -x "$candidate/bin/java" && "$(java_major "$candidate/bin/java")" -ge 21 ]]; then
      export JAVA_HOME="$candidate"
      break
    fi
  done
fi
if [[ -z "${JAVA_HOME:-}" ]] && command -v java >/dev/null && [[ "$(java_major java)" -ge 21 ]]; then
  export JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
fi
if [[ -z "${JAVA_HOME:-}" || "$(java_major "$JAVA_HOME/bin/java")" -lt 21 ]]; then
  echo "Shenhe needs JDK 21 or newer (set JAVA_HOME)." >&2
  exit 1
fi
export PATH="$JAVA_HOME/bin:$PATH"

# glibc gives threads that allocate at once arenas of their own, up to 8 per core, and keeps what each held. Two serve
# the server as fast (an A/B of two servers under uploads: the same rate, ~30 MB less resident; docs/benchmarks.md,
# session 21). The container image sets the same.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

# Watermarks are drawn in Chinese: the server needs a CJK font.
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "== Installing a Chinese font for watermarks (fonts-wqy-microhei)"
    apt-get update -qq && apt-get install -y -qq fonts-wqy-microhei >/dev/null
  else
    echo "A Chinese font is needed for watermarks: sudo apt-get install -y fonts-wqy-microhei" >&2
    exit 1
  fi
fi

# Uploads are decoded and encoded by libjpeg-turbo (Debian's libturbojpeg0) when it is there; without
# it the server falls back to ImageIO, several times slower per upload. The tests run both codecs.
if ! ldconfig -p 2>/dev/null | grep -q 'libturbojpeg\.so\.0'; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "== Installing libjpeg-turbo (libturbojpeg0) for native JPEG decoding and encoding"
    apt-get update -qq && apt-get install -y -qq libturbojpeg0 >/dev/null
  else
    echo "Native JPEG needs libturbojpeg0: sudo apt-get install -y libturbojpeg0 (the server falls back to ImageIO without it)" >&2
  fi
fi

# The browser tests (cn.shenhe.e2e, run by ./mvnw verify) drive Debian's headless Chromium.
if [[ ! -x /usr/bin/chromium ]]; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "== Installing Chromium for the browser tests"
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Chromium: sudo apt-get install -y chromium" >&2
  fi
fi
