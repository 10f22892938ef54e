Vagrant.configure("2") do |config|
  config.vm.box = "acme/base"
  config.vm.box_url = "https://boxes.example.test/acme/base.json"
  config.vm.box_version = "~> 1.4"
  config.vm.box_download_checksum = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
  config.vm.box_download_checksum_type = "sha256"
  config.vm.box_download_insecure = false
  config.vm.communicator = "ssh"
  config.vagrant.plugins = ["vagrant-libvirt"]
end
