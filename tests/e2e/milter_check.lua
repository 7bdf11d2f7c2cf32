-- check(condition, what) for the miltertest scripts: prints "ok: what", or
-- stops the script with "FAIL: what". Loaded with dofile(check_lib), the
-- path given by -D check_lib=PATH.

function check(condition, what)
  if not condition then
    error("FAIL: " .. what)
  end
  mt.echo("ok: " .. what)
end
