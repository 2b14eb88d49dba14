# Sourced by run.sh, add-silo.sh and the benchmarks: the silo they start is compiled ahead of time (ReadyToRun), so a
# silo restarted after kill -9 spends less CPU before it is ready (half the methods it JIT-compiled at start-up no longer
# are: about a third less CPU to ready, see README "A killed silo's restart").
#   silo_publish_r2r   publishes src/Silo ReadyToRun (crossgen2, restored from NuGet) into .data/silo-r2r; its own
#                      build directory (.data/silo-r2r-build), so the regular build and the tests' output are untouched.
#                      Incremental: seconds to a minute when only our code changed. On failure the build output is used.
#   silo_dll           the silo to start: the ReadyToRun one when it is at least as new as the Release build, else the
#                      Release build (src/Silo/bin/Release/net10.0). FOLLOWUP_SILO_R2R=0 turns ReadyToRun off.
SILO_BUILD_DLL=src/Silo/bin/Release/net10.0/FollowUp.Silo.dll
SILO_R2R_DLL=.data/silo-r2r/FollowUp.Silo.dll

silo_publish_r2r() {
  [ "${FOLLOWUP_SILO_R2R:-1}" = 0 ] && return 0
  local rid; rid=$(dotnet --info | awk '/^ RID:/ { print $2 }')
  echo "Compiling the silo ahead of time (ReadyToRun, $rid)..."
  if ! dotnet publish src/Silo/Silo.csproj -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
      --artifacts-path .data/silo-r2r-build -o .data/silo-r2r -v quiet -nologo > .data/silo-r2r.log 2>&1; then
    echo "ReadyToRun publish failed (see .data/silo-r2r.log): the silo runs from the Release build." >&2
    rm -f "$SILO_R2R_DLL"
  fi
}

silo_dll() {
  if [ "${FOLLOWUP_SILO_R2R:-1}" != 0 ] && [ -f "$SILO_R2R_DLL" ] && ! [ "$SILO_R2R_DLL" -ot "$SILO_BUILD_DLL" ]; then
    echo "$SILO_R2R_DLL"
  else
    echo "$SILO_BUILD_DLL"
  fi
}
