# Sourced by the benchmarks that import through the API (burst.sh, million.sh); needs WEB and KEY set.
# import_csv FILE: posts the file to /api/imports and waits until the import is done (a failed poll is asked again);
# prints the import's final answer (its JSON, with "accepted", and ' http=200').
import_csv() {
  local loc answer
  loc=$(curl -sS -D - -o /dev/null -H "Authorization: Bearer $KEY" -H "Content-Type: text/csv" --data-binary @"$1" "$WEB/api/imports" \
    | awk 'tolower($1)=="location:" { print $2 }' | tr -d '\r') || true
  [ -n "$loc" ] || { echo "The import of $1 was not accepted" >&2; return 1; }
  while :; do
    answer=$(curl -sS -m 30 -H "Authorization: Bearer $KEY" -w ' http=%{http_code}' "$WEB$loc" 2>&1) || true
    case "$answer" in
      *'"status":"running"'*) sleep 1 ;;
      *'"status":'*' http=200') break ;;
      *) echo "poll of $loc: ${answer: -120}" >&2; sleep 2 ;;
    esac
  done
  echo "$answer"
}
