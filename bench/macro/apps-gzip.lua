-- Full registry fetch with gzip, as the Java and Spring Eureka clients accept it.
wrk.headers["Accept"] = "application/json"
wrk.headers["Accept-Encoding"] = "gzip"
