# Writes classic public time series from R's `datasets` package to evals/forecast/<name>.csv (date,value; the date is
# the first day of the month or quarter). Run once at development time from the repository root:
#
#   Rscript evals/forecast/extract-r-datasets.R
#
# The CSVs are committed, so neither CI nor the tests need R.
series <- list(
  AirPassengers = AirPassengers, # monthly airline passengers (thousands), 1949-1960; Box & Jenkins
  USAccDeaths = USAccDeaths,     # monthly accidental deaths in the USA, 1973-1978; Brockwell & Davis
  UKgas = UKgas,                 # quarterly UK gas consumption (million therms), 1960-1986; Durbin & Koopman
  nottem = nottem,               # monthly mean air temperature at Nottingham Castle (deg F), 1920-1939; Anderson
  co2 = co2                      # monthly Mauna Loa CO2 concentration (ppm), 1959-1997; Keeling & Whorf
)
out_dir <- file.path("evals", "forecast")
for (name in names(series)) {
  x <- series[[name]]
  freq <- frequency(x)
  stopifnot(freq %in% c(4, 12), !anyNA(x))
  year <- floor(time(x) + 1e-6)
  month <- (cycle(x) - 1) * (12 / freq) + 1
  dates <- sprintf("%04d-%02d-01", as.integer(year), as.integer(month))
  write.csv(data.frame(date = dates, value = as.numeric(x)), file.path(out_dir, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
  cat(sprintf("%-14s %4d values, %s to %s, frequency %d\n", name, length(x), dates[1], dates[length(dates)], freq))
}
