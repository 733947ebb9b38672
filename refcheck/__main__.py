from refcheck.entry import main

main()
