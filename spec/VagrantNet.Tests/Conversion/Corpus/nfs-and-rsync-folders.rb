Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"

  config.vm.synced_folder ".", "/vagrant", type: "rsync",
    rsync__exclude: [".git/", "node_modules/"],
    rsync__args: ["--verbose", "--archive", "--delete", "-z"]

  config.vm.synced_folder "./shared", "/srv/shared", type: "nfs", nfs_version: 4, nfs_udp: false, create: true
  config.vm.synced_folder "./logs", "/var/log/app", owner: "www-data", group: "www-data", mount_options: ["dmode=775"], create: true
end
