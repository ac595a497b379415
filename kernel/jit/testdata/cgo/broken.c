long long broken(long long high)
{
  long long s = 0LL;
  s += high
  return s;
}
