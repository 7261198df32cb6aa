-- Full registry fetch as a Java Eureka client makes it.
wrk.headers["Accept"] = "application/json"
